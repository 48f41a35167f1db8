import { eq } from "drizzle-orm";
import { workspaces } from "@db/schema";
import { db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import type { AgencyIdentities, StoredIdentities } from "./identities";

/** The workspace's access identities, stored in workspaces.access_identities (absent = not set). */
export function storedIdentities(ctx: MemberContext): StoredIdentities {
  return (ctx.workspace.accessIdentities ?? {}) as StoredIdentities;
}

export async function saveIdentities(ctx: MemberContext, input: AgencyIdentities): Promise<void> {
  const clean = Object.fromEntries(Object.entries(input).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  await db().transaction(async (tx) => {
    await tx.update(workspaces).set({ accessIdentities: clean }).where(eq(workspaces.id, ctx.workspace.id));
    await audit(tx, ctx, {
      action: "workspace.access_identities_changed",
      objectType: "workspace",
      objectId: ctx.workspace.id,
      data: { identities: clean },
    });
  });
}
