import { eq } from "drizzle-orm";
import type { Database } from "./client";
import { creators } from "./schema";
import { addMember, createAgency, createBrand, createCreator, createUser, createWorkspace } from "./factories";
import { seedApprovals } from "./seeds/approvals";
import { seedBriefs } from "./seeds/briefs";
import { seedCalendar } from "./seeds/calendar";
import { seedHistory } from "./seeds/history";
import { seedOnboarding } from "./seeds/onboarding";

export const DEMO_PASSWORD = "baton-demo";

export const DEMO_LOGINS = [
  { email: "owner@northwind.test", role: "owner" },
  { email: "coordinator@northwind.test", role: "coordinator" },
  { email: "agency@brightline.test", role: "agency member, Brightline Paid Media" },
  { email: "lead@lumen.test", role: "brand lead, Lumen Skincare" },
  { email: "creator@studio.test", role: "creator, Maya Chen" },
] as const;

/** The demo workspace of PRODUCT.md section 1. Runs only on an empty database. */
export async function seedDemo(db: Database, now = new Date()) {
  return db.transaction(async (tx) => {
    const ws = await createWorkspace(tx, {
      slug: "northwind",
      name: "Northwind Studio",
      accentColor: "#4f46e5",
      welcomeText: "Welcome to Northwind Studio. This portal is where we set up access, share briefs and approve content together.",
    });
    const lumen = await createBrand(tx, ws.id, {
      name: "Lumen Skincare",
      category: "skincare",
      timeZone: "Europe/Berlin",
      color: "#db2777",
    });
    const peak = await createBrand(tx, ws.id, { name: "Peak Outdoor", category: "outdoor", timeZone: "America/Denver", color: "#16a34a" });
    const cedar = await createBrand(tx, ws.id, {
      name: "Cedar Coffee",
      category: "coffee",
      timeZone: "America/New_York",
      color: "#b45309",
    });
    const northwindSocial = await createAgency(tx, ws.id, { name: "Northwind Social", isOperator: true });
    const brightline = await createAgency(tx, ws.id, { name: "Brightline Paid Media" });
    const kite = await createAgency(tx, ws.id, { name: "Kite Creative" });

    const creatorNames = [
      ["Maya Chen", "@mayamakes"],
      ["Jonas Weber", "@jonasoutside"],
      ["Priya Nair", "@priyaglow"],
      ["Leo Martins", "@leobrews"],
      ["Amara Okafor", "@amaraskin"],
      ["Sam Rivera", "@samtrails"],
    ] as const;
    const creatorRows = [];
    for (const [name, handle] of creatorNames) creatorRows.push(await createCreator(tx, ws.id, { name, handle }));

    const mk = (email: string, name: string, timeZone = "Europe/Berlin") =>
      createUser(tx, { email, name, password: DEMO_PASSWORD, timeZone });
    const owner = await mk("owner@northwind.test", "Olivia Owner");
    const coordinator = await mk("coordinator@northwind.test", "Carlos Coordinator");
    const agency = await mk("agency@brightline.test", "Ava Brightline", "America/New_York");
    const lead = await mk("lead@lumen.test", "Lena Lumen");
    const creator = await mk("creator@studio.test", "Maya Chen", "America/Los_Angeles");
    // The other brands' leads: they sign off the history's drafts and receive the monthly report.
    const peakLead = await mk("lead@peak.test", "Paul Peak", "America/Denver");
    const cedarLead = await mk("lead@cedar.test", "Clara Cedar", "America/New_York");

    await addMember(tx, ws.id, owner.id, "owner");
    await addMember(tx, ws.id, coordinator.id, "coordinator");
    await addMember(tx, ws.id, agency.id, "agency_member", { agencyId: brightline.id });
    await addMember(tx, ws.id, lead.id, "brand_lead", { brandId: lumen.id });
    await addMember(tx, ws.id, peakLead.id, "brand_lead", { brandId: peak.id });
    await addMember(tx, ws.id, cedarLead.id, "brand_lead", { brandId: cedar.id });
    await addMember(tx, ws.id, creator.id, "creator", { creatorId: creatorRows[0].id });
    await tx.update(creators).set({ userId: creator.id }).where(eq(creators.id, creatorRows[0].id));

    const base = {
      ws,
      brands: { lumen, peak, cedar },
      agencies: { northwindSocial, brightline, kite },
      creators: creatorRows,
      users: { owner, coordinator, agency, lead, creator, peakLead, cedarLead },
    };
    // Each capability adds its demo data (campaigns that overlap on purpose, drafts in every state,
    // half-done onboarding links), dated relative to `now` so deadlines are live.
    await seedOnboarding(tx, base, now);
    await seedBriefs(tx, base, now);
    await seedApprovals(tx, base, now);
    await seedCalendar(tx, base, now);
    // Six months of finished work before all that, so insights and the monthly report have history.
    await seedHistory(tx, base, now);
    return base;
  });
}
