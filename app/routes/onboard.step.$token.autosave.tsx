import type { ActionFunctionArgs } from "@remix-run/node";
import { runClientIntent } from "~/modules/onboarding/client-actions.server";
import { limitTokenRoute } from "~/modules/onboarding/client.server";
import { autosaveAnswer } from "~/modules/onboarding/token-answer.server";
import { closedDoor, forwardedContextFor } from "~/modules/onboarding/token-context.server";
import { throwUnlessOk } from "~/utils/action-data.server";
import { readForm, requestMeta } from "~/utils/http.server";
import { visitorContext } from "~/modules/workspaces/authz.server";

/** Autosave of a forwarded step's asset ID field, answered as JSON. */
export async function action({ request, params }: ActionFunctionArgs) {
  throwUnlessOk(await limitTokenRoute(visitorContext(request), params.token));
  const door = await forwardedContextFor(params.token, requestMeta(request));
  if (door.state !== "valid") return autosaveAnswer({ intent: null, target: null, outcome: closedDoor(door) });
  return autosaveAnswer(await runClientIntent(door.ctx, await readForm(request)));
}
