import type { ActionFunctionArgs } from "@remix-run/node";
import { runClientIntent } from "~/modules/onboarding/client-actions.server";
import { autosaveAnswer, limitTokenPage } from "~/modules/onboarding/token-answer.server";
import { closedDoor, forwardedContextFor } from "~/modules/onboarding/token-context.server";
import { readForm, requestMeta } from "~/utils/http.server";

/** Autosave of a forwarded step's asset ID field, answered as JSON. */
export async function action({ request, params }: ActionFunctionArgs) {
  const limited = await limitTokenPage(request, params.token);
  if (limited) return autosaveAnswer({ intent: null, target: null, outcome: { ok: false, problem: limited.problem } });
  const door = await forwardedContextFor(params.token, requestMeta(request));
  if (door.state !== "valid") return autosaveAnswer({ intent: null, target: null, outcome: closedDoor(door) });
  return autosaveAnswer(await runClientIntent(door.ctx, await readForm(request)));
}
