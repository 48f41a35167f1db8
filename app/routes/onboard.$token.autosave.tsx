import type { ActionFunctionArgs } from "@remix-run/node";
import { runClientIntent } from "~/modules/onboarding/client-actions.server";
import { autosaveAnswer, limitTokenPage } from "~/modules/onboarding/token-answer.server";
import { closedDoor, clientContextFor } from "~/modules/onboarding/token-context.server";
import { readForm, requestMeta } from "~/utils/http.server";

/** "Saves as it is typed": the client page's script posts here and reads the answer as JSON. */
export async function action({ request, params }: ActionFunctionArgs) {
  const limited = await limitTokenPage(request, params.token);
  if (limited) return autosaveAnswer({ intent: null, target: null, outcome: { ok: false, problem: limited.problem } });
  const door = await clientContextFor(params.token, requestMeta(request));
  if (door.state !== "valid") return autosaveAnswer({ intent: null, target: null, outcome: closedDoor(door) });
  return autosaveAnswer(await runClientIntent(door.ctx, await readForm(request)));
}
