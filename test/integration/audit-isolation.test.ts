import { beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "~/modules/audit/audit.server";
import { useTestDatabase } from "../support/db";
import { call, jsonOf, makeRequest, sessionCookie } from "../support/http";
import { buildWorld, type World } from "../support/world";

/**
 * Issue 13 point 7 (security.md 16): workspace A's audit trail, on the page and in the CSV, never
 * shows an event of workspace B or of no workspace (sign-ins), whatever the filter. B's events carry
 * markers that appear nowhere else; A has events of its own so an empty answer cannot pass.
 */
const t = useTestDatabase();
let world: World;
let cookie: string;

const A_MARK = "alpha-visible-7f3a";
const B_MARK = "beta-hidden-9c1e";
const NONE_MARK = "no-workspace-4d2b";

beforeAll(async () => {
  world = await buildWorld(t.db);
  cookie = await sessionCookie(world.users.owner.id);
  const event = (workspaceId: string | null, mark: string, action: string, objectType: string) =>
    recordAudit(t.db, {
      workspaceId,
      actor: { userId: null, label: `${mark}@example.test` },
      action,
      objectType,
      objectId: `${mark}-object`,
      data: { note: mark },
    });
  for (const action of ["brand.created", "member.invited", "deliverable.scheduled"]) {
    await event(world.a.id, A_MARK, action, "brand");
    // The same action families and the same actor text, so no filter separates them by accident.
    await event(world.b.id, B_MARK, action, `${B_MARK.replace(/-/g, "_")}_type`);
    await event(world.b.id, B_MARK, action, "brand");
    await event(null, NONE_MARK, action, "brand");
  }
});

const FILTERS = [
  "",
  "?action=brand",
  "?action=member",
  "?actor=example.test",
  `?actor=${B_MARK}`,
  "?object=brand",
  "?size=200",
  `?from=2000-01-01&to=2999-12-31`,
];

async function auditPage(query: string) {
  const mod = await import("~/routes/w.$workspace.audit");
  const res = await call(mod.loader, makeRequest(`/w/${world.a.slug}/audit${query}`, { cookie }), { workspace: world.a.slug });
  expect(res.status).toBe(200);
  return jsonOf<{ total: number; objectTypes: string[]; events: Array<{ actor: string; objectId: string; details: string }> }>(res);
}

async function auditCsv(query: string) {
  const mod = await import("~/routes/w.$workspace.audit[.]csv");
  const res = await call(mod.loader, makeRequest(`/w/${world.a.slug}/audit.csv${query}`, { cookie }), { workspace: world.a.slug });
  expect(res.status).toBe(200);
  return res.text();
}

describe("workspace A's audit trail never lists workspace B's events", () => {
  it.each(FILTERS)("the page, filter %j", async (query) => {
    const data = await auditPage(query);
    // The listed rows and the object-type choices (the filter itself is echoed back, so not all of data).
    const text = JSON.stringify([data.events, data.objectTypes]);
    expect(text).not.toContain(B_MARK);
    expect(text).not.toContain(B_MARK.replace(/-/g, "_"));
    expect(text).not.toContain(NONE_MARK);
    if (query !== `?actor=${B_MARK}`) expect(data.events.some((e) => e.objectId === `${A_MARK}-object`)).toBe(true);
    // The total counts only A's rows, so B cannot leak through the pager either.
    expect(data.total).toBe(data.events.length);
  });

  it.each(FILTERS)("the CSV, filter %j", async (query) => {
    const csv = await auditCsv(query);
    expect(csv).not.toContain(B_MARK);
    expect(csv).not.toContain(NONE_MARK);
    if (query !== `?actor=${B_MARK}`) expect(csv).toContain(`${A_MARK}-object`);
  });

  it("B's own trail has B's events (the markers are real), and not A's", async () => {
    const mod = await import("~/routes/w.$workspace.audit[.]csv");
    const res = await call(
      mod.loader,
      makeRequest(`/w/${world.b.slug}/audit.csv`, { cookie: await sessionCookie(world.users.outsider.id) }),
      { workspace: world.b.slug },
    );
    const csv = await res.text();
    expect(csv).toContain(B_MARK);
    expect(csv).not.toContain(A_MARK);
  });
});
