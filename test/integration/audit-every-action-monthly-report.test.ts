import { beforeAll } from "vitest";
import { addMember, createUser } from "../../db/factories";
import { useTestDatabase } from "../support/db";
import { sessionCookie } from "../support/http";
import { buildWorld, type World } from "../support/world";
import { describeAuditRows, REPORT_TABLE, type Case } from "./audit-table";

/**
 * Issue 13 point 9 for the monthly report's page (issue 16): "send again" writes exactly the audit
 * event REPORT_TABLE names, as the coordinator. The guard over all rows is in audit-every-action.test.ts.
 */
const t = useTestDatabase();
let world: World;

beforeAll(async () => {
  world = await buildWorld(t.db);
  // Brand X has a lead already (buildWorld); one more so "each lead" means more than one.
  const second = await createUser(t.db, { email: `second-lead-${world.a.slug}@example.test` });
  await addMember(t.db, world.a.id, second.id, "brand_lead", { brandId: world.brandX.id });
});

const CASES: Case[] = REPORT_TABLE.map((row) => ({
  ...row,
  prepare: async () => ({
    path: `/w/${world.a.slug}/insights/report`,
    params: { workspace: world.a.slug },
    form: { intent: "send-again", brandId: world.brandX.id, month: "2026-07", seen: "0" },
    cookie: await sessionCookie(world.users.coordinator.id),
  }),
}));

describeAuditRows(() => t.db, CASES);
