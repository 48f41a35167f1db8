import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useParams } from "@remix-run/react";
import { z } from "zod";
import { Alert, Card, PageHeader } from "~/components/ui";
import { deleteViewSchema, renameViewSchema, saveViewSchema } from "~/modules/calendar/context-schemas";
import { viewHref, viewQueryOf } from "~/modules/calendar/saved-views";
import { deleteView, renameView, saveView } from "~/modules/calendar/saved-views.server";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { answer, typedValues } from "~/utils/action-data.server";
import { parseWith, readForm } from "~/utils/http.server";
import { invalid } from "~/utils/outcome";

// Saved views of the calendar (issue 21): save the current filters under a name, rename or delete
// your own. Posted from the calendar's header; a success goes back to the calendar (the saved view
// open), a refusal answers here with its message, and this page shows it when there is no script.

export const meta: MetaFunction = () => [{ title: "Saved views · Baton" }];

const INTENTS = ["save", "rename", "delete"] as const;
const intentSchema = z.object({ intent: z.enum(INTENTS, { errorMap: () => ({ message: "Unknown action." }) }) });

/** Where to go back: the calendar with the posted query's view and filters (never a posted URL). */
const back = (slug: string, form: FormData) =>
  viewHref(slug, viewQueryOf(typeof form.get("query") === "string" ? String(form.get("query")).slice(0, 1000) : ""));

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "calendar.view");
  const form = await readForm(request);
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return answer(invalid("Unknown action.", which.errors));
  const intent = which.data.intent;
  const slug = ctx.workspace.slug;
  if (intent === "save") {
    const parsed = parseWith(saveViewSchema, form);
    if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent, values: typedValues(form, ["name"]) });
    const saved = await saveView(ctx, parsed.data);
    if (!saved.ok) return answer(saved, { intent, values: { name: parsed.data.name } });
    return redirect(viewHref(slug, viewQueryOf(parsed.data.query)));
  }
  if (intent === "rename") {
    const parsed = parseWith(renameViewSchema, form);
    const target = typeof form.get("viewId") === "string" ? String(form.get("viewId")).slice(0, 32) : null;
    if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent, target, values: typedValues(form, ["name"]) });
    const renamed = await renameView(ctx, parsed.data);
    if (!renamed.ok) return answer(renamed, { intent, target, values: { name: parsed.data.name } });
    return redirect(back(slug, form));
  }
  const parsed = parseWith(deleteViewSchema, form);
  if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent });
  const removed = await deleteView(ctx, parsed.data.viewId);
  if (!removed.ok) return answer(removed, { intent });
  return redirect(back(slug, form));
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, params.workspace, "calendar.view");
  return json(null);
}

/** Only reached without a script, when a save or rename was refused: the message and the way back. */
export default function SavedViewsAnswer() {
  const answered = useActionData<typeof action>();
  const { workspace } = useParams();
  const messages = answered && !answered.ok ? [answered.formError, ...Object.values(answered.errors).flat()] : [];
  return (
    <div className="space-y-6">
      <PageHeader title="Saved views" breadcrumbs={[{ label: "Calendar", to: `/w/${workspace}/calendar` }]} />
      <Card>
        {messages.length ? (
          <Alert tone="danger" title="The view was not saved">
            <ul>
              {messages.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </Alert>
        ) : (
          <p className="text-sm text-ink-soft">Save a view from the calendar&apos;s header.</p>
        )}
        <p className="mt-4">
          <Link to={`/w/${workspace}/calendar`} className="font-medium text-accent underline">
            Back to the calendar
          </Link>
        </p>
      </Card>
    </div>
  );
}
