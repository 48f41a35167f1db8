import type { Database } from "../../db/client";
import { addMember, createAgency, createBrand, createCreator, createUser, createWorkspace } from "../../db/factories";

export const PASSWORD = "correct horse battery";

/**
 * Two workspaces; in A one member of every role (agency, brand and creator scoped), in B an owner.
 * The isolation tests use B's owner as the outsider and the scoped members of A as insiders.
 */
export async function buildWorld(db: Database) {
  const tag = Math.random().toString(36).slice(2, 8);
  const a = await createWorkspace(db, { slug: `alpha-${tag}`, name: "Alpha Studio" });
  const b = await createWorkspace(db, { slug: `beta-${tag}`, name: "Beta Agency" });
  const brandX = await createBrand(db, a.id, { name: "Brand X", category: "skincare" });
  const brandY = await createBrand(db, a.id, { name: "Brand Y", category: "outdoor" });
  const agencyP = await createAgency(db, a.id, { name: "Agency P" });
  const agencyQ = await createAgency(db, a.id, { name: "Agency Q" });
  const creatorM = await createCreator(db, a.id, { name: "Creator M" });
  const creatorN = await createCreator(db, a.id, { name: "Creator N" });
  const brandB = await createBrand(db, b.id, { name: "Beta Brand" });

  const mk = (name: string) => createUser(db, { email: `${name}-${tag}@example.test`, name, password: PASSWORD });
  const users = {
    owner: await mk("owner"),
    admin: await mk("admin"),
    coordinator: await mk("coordinator"),
    agencyMember: await mk("agency"),
    brandLead: await mk("lead"),
    creator: await mk("creator"),
    clientContact: await mk("client"),
    outsider: await mk("outsider"),
  };
  await addMember(db, a.id, users.owner.id, "owner");
  await addMember(db, a.id, users.admin.id, "admin");
  await addMember(db, a.id, users.coordinator.id, "coordinator");
  await addMember(db, a.id, users.agencyMember.id, "agency_member", { agencyId: agencyP.id });
  await addMember(db, a.id, users.brandLead.id, "brand_lead", { brandId: brandX.id });
  await addMember(db, a.id, users.creator.id, "creator", { creatorId: creatorM.id });
  await addMember(db, a.id, users.clientContact.id, "client_contact", { brandId: brandX.id });
  await addMember(db, b.id, users.outsider.id, "owner");
  return { a, b, brandX, brandY, brandB, agencyP, agencyQ, creatorM, creatorN, users };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;
