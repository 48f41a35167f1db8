import type { WaitingItem } from "~/modules/waiting/waiting";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { stepsAwaitingVerification } from "./link-queries.server";

/** What is waiting on this member in the onboarding capability: grants clients confirmed, to verify. */
export async function onboardingWaiting(ctx: MemberContext): Promise<WaitingItem[]> {
  if (!ctx.can("onboarding.manage")) return [];
  const rows = await stepsAwaitingVerification(ctx);
  const byLink = new Map<string, typeof rows>();
  for (const r of rows) byLink.set(r.linkId, [...(byLink.get(r.linkId) ?? []), r]);
  return [...byLink.entries()].map(([linkId, steps]) => ({
    id: `onboarding-verify-${linkId}`,
    kind: "access_verify" as const,
    title: `Verify ${steps.length === 1 ? "1 grant" : `${steps.length} grants`} from ${steps[0].clientName}`,
    detail: steps.map((s) => s.platformName).join(", "),
    url: `/w/${ctx.workspace.slug}/onboarding/${linkId}`,
    dueAt: null,
    since: steps[0].confirmedAt?.toISOString() ?? null,
  }));
}
