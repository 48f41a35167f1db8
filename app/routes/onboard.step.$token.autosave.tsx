import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { runClientIntent } from "~/modules/onboarding/client-actions.server";
import { findForwardByToken, limitTokenRoute } from "~/modules/onboarding/client.server";
import { readForm } from "~/utils/http.server";

/** Autosave of a forwarded step's asset ID field, answered as JSON. */
export async function action({ request, params }: ActionFunctionArgs) {
  await limitTokenRoute(request, params.token);
  const found = await findForwardByToken(params.token);
  if (found.state !== "valid")
    return json(
      { ok: false, errors: {}, formError: "This link can no longer be used. Reload the page to see whom to contact." },
      { status: found.state === "invalid" ? 404 : 410 },
    );
  const outcome = await runClientIntent(request, found.link, await readForm(request), found.forward);
  if (!outcome.ok)
    return json(
      { ok: false, errors: outcome.errors, formError: outcome.formError },
      { status: outcome.status, headers: { "Cache-Control": "no-store" } },
    );
  return json({ ok: true, errors: {}, formError: null }, { headers: { "Cache-Control": "no-store" } });
}
