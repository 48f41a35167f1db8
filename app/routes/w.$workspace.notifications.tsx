import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { BellIcon, CheckIcon } from "~/components/icons";
import { NotificationTitle } from "~/components/notifications/notification-title";
import { Alert, Badge, Button, Card, EmptyState, FormError, PageHeader, cx } from "~/components/ui";
import { EMAIL_MODES, NOTIFICATION_CATEGORIES, type NotificationCategory } from "~/modules/notifications/categories";
import { markAllRead, markOneRead, preferencesOf, recentNotifications, saveEmailPreferences } from "~/modules/notifications/inbox.server";
import { CATEGORY_KEYS, MODE_KEYS, preferencesSchema, readOneSchema } from "~/modules/notifications/schemas";
import { requireMember, type MemberContext } from "~/modules/workspaces/authz.server";
import { answer } from "~/utils/action-data.server";
import { conformResult } from "~/utils/conform";
import { parseWith, readForm } from "~/utils/http.server";
import { invalid, type Outcome } from "~/utils/outcome";
import { formatIn } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Notifications · Baton" }];

const SHOWN = 100;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMember(request, params.workspace);
  const [items, prefs] = await Promise.all([recentNotifications(ctx.user.id, ctx.workspace.id, SHOWN), preferencesOf(ctx.user.id)]);
  return json({
    items: items.map((n) => ({
      ...n,
      when: formatIn(n.at, ctx.user.timeZone, "d LLL, HH:mm"),
      categoryLabel: NOTIFICATION_CATEGORIES[n.category as NotificationCategory] ?? n.category,
      // Only links inside Baton are followed from here.
      url: n.url && n.url.startsWith("/") && !n.url.startsWith("//") ? n.url : null,
    })),
    prefs,
  });
}

/** Which form was sent is the route's concern (the audit table's guard reads this list). */
const INTENTS = ["read-all", "read-one", "preferences"] as const;
type InboxIntent = (typeof INTENTS)[number];
const intentSchema = z.object({ intent: z.enum(INTENTS, { errorMap: () => ({ message: "Unknown action." }) }) });

/** The worked example of decision 051: parse with the schema, call the service with (ctx, input), answer its outcome. */
export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireMember(request, params.workspace);
  const form = await readForm(request);
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return answer(invalid("Unknown action.", which.errors));
  const intent = which.data.intent;
  return answer(await run(ctx, intent, form), { intent, values: intent === "preferences" ? typedPreferences(form) : undefined });
}

function run(ctx: MemberContext, intent: InboxIntent, form: FormData): Promise<Outcome> | Outcome {
  switch (intent) {
    case "read-all":
      return markAllRead(ctx);
    case "read-one": {
      const parsed = parseWith(readOneSchema, form);
      return parsed.success ? markOneRead(ctx, parsed.data) : invalid("That notification could not be found.", parsed.errors);
    }
    case "preferences": {
      const parsed = parseWith(preferencesSchema, form);
      return parsed.success
        ? saveEmailPreferences(ctx, parsed.data)
        : invalid("Choose an email setting for every kind of notification.", parsed.errors);
    }
  }
}

/** What was chosen, put back into the form when it comes back with errors. */
function typedPreferences(form: FormData): Record<string, string> {
  return Object.fromEntries(CATEGORY_KEYS.flatMap((c) => (typeof form.get(c) === "string" ? [[c, String(form.get(c))]] : [])));
}

type Item = SerializeFrom<typeof loader>["items"][number];

function NotificationRow({ n, busy }: { n: Item; busy: boolean }) {
  return (
    <li className={cx("flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-start sm:px-6", n.unread ? "bg-accent/5" : undefined)}>
      <span
        className={cx("mt-1.5 hidden h-2.5 w-2.5 shrink-0 rounded-full sm:block", n.unread ? "bg-accent" : "bg-slate-200")}
        aria-hidden="true"
      />
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          {n.unread ? (
            <Badge tone="accent" dot>
              Unread
            </Badge>
          ) : null}
          <span className="text-xs text-ink-muted">{n.categoryLabel}</span>
          <span className="text-xs text-ink-muted" aria-hidden="true">
            ·
          </span>
          <time dateTime={n.at} className="text-xs text-ink-muted">
            {n.when}
          </time>
        </div>
        <p className={cx("mt-1 break-words text-sm", n.unread ? "font-semibold text-ink" : "font-medium text-ink-soft")}>
          <NotificationTitle title={n.title} url={n.url} />
        </p>
        {n.body ? <p className="mt-0.5 break-words text-sm text-ink-muted">{n.body}</p> : null}
      </div>
      {n.unread ? (
        <Form method="post" className="-ml-3 shrink-0 sm:ml-0">
          <input type="hidden" name="intent" value="read-one" />
          <input type="hidden" name="id" value={n.id} />
          <Button type="submit" size="sm" variant="ghost" disabled={busy}>
            <CheckIcon />
            Mark read<span className="sr-only">: {n.title}</span>
          </Button>
        </Form>
      ) : null}
    </li>
  );
}

export default function NotificationsPage() {
  const { items, prefs } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const nav = useNavigation();
  const busy = nav.state !== "idle";
  const unread = items.filter((n) => n.unread);
  const read = items.filter((n) => !n.unread);
  const prefsSaved = data?.ok && data.intent === "preferences";
  const inboxError = data && !data.ok && data.intent !== "preferences" ? data.formError : null;
  // conform reads the same zod schema as the action: checked in the browser first, and the server's answer shown the same way.
  const [prefsForm, prefFields] = useForm({
    id: "email-preferences",
    lastResult: conformResult(data, "preferences"),
    defaultValue: prefs,
    constraint: getZodConstraint(preferencesSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: preferencesSchema }),
  });

  return (
    <div className="space-y-8">
      <PageHeader
        title="Notifications"
        description="What happened in this workspace that concerns you, and how you want to hear about it by email."
      />

      <Card
        flush
        title="Inbox"
        description={unread.length > 0 ? `${unread.length} unread` : items.length > 0 ? "You're all caught up." : undefined}
        actions={
          unread.length > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="read-all" />
              <Button type="submit" size="sm" variant="secondary" disabled={busy}>
                <CheckIcon />
                Mark all read
              </Button>
            </Form>
          ) : undefined
        }
      >
        {inboxError ? (
          <div className="px-4 pt-4 sm:px-6">
            <FormError>{inboxError}</FormError>
          </div>
        ) : null}
        {items.length === 0 ? (
          <div className="p-4 sm:p-6">
            <EmptyState
              icon={<BellIcon />}
              title="No notifications yet"
              description="When a brief needs your acknowledgment, a draft needs review or access is verified, you'll see it here."
            />
          </div>
        ) : (
          <>
            {unread.length > 0 ? (
              <section aria-labelledby="unread-heading">
                <h3
                  id="unread-heading"
                  className="border-b border-slate-200 bg-slate-50 px-4 py-2 text-xs font-semibold uppercase tracking-wide text-ink-muted sm:px-6"
                >
                  Unread
                </h3>
                <ul className="divide-y divide-slate-200">
                  {unread.map((n) => (
                    <NotificationRow key={n.id} n={n} busy={busy} />
                  ))}
                </ul>
              </section>
            ) : null}
            {read.length > 0 ? (
              <section aria-labelledby="read-heading">
                <h3
                  id="read-heading"
                  className={cx(
                    "border-b border-slate-200 bg-slate-50 px-4 py-2 text-xs font-semibold uppercase tracking-wide text-ink-muted sm:px-6",
                    unread.length > 0 && "border-t",
                  )}
                >
                  Earlier
                </h3>
                <ul className="divide-y divide-slate-200">
                  {read.map((n) => (
                    <NotificationRow key={n.id} n={n} busy={busy} />
                  ))}
                </ul>
              </section>
            ) : null}
            {items.length >= SHOWN ? (
              <p className="border-t border-slate-200 px-4 py-3 text-sm text-ink-muted sm:px-6">
                Showing your {SHOWN} most recent notifications.
              </p>
            ) : null}
          </>
        )}
      </Card>

      <Card
        title="Email preferences"
        description="Baton always shows notifications here. Choose which ones also reach your inbox. These settings apply in every workspace you belong to."
      >
        <Form method="post" className="space-y-6" {...getFormProps(prefsForm)}>
          {prefsSaved ? (
            <Alert tone="success" role="status">
              Your email preferences are saved.
            </Alert>
          ) : null}
          {prefsForm.errors ? <FormError>{prefsForm.errors.join(" ")}</FormError> : null}
          <div className="divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200">
            {CATEGORY_KEYS.map((category) => {
              const field = prefFields[category];
              const fieldErrors = field.errors ?? [];
              const errorId = field.errorId;
              return (
                <fieldset key={category} className="px-4 py-4" aria-describedby={fieldErrors.length > 0 ? errorId : undefined}>
                  <legend className="sr-only">{NOTIFICATION_CATEGORIES[category]}</legend>
                  <div className="grid gap-3 md:grid-cols-[minmax(0,1fr)_auto] md:items-center">
                    <p className="text-sm font-medium text-ink" aria-hidden="true">
                      {NOTIFICATION_CATEGORIES[category]}
                    </p>
                    <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:gap-x-5">
                      {MODE_KEYS.map((mode) => (
                        <label key={mode} className="flex items-center gap-2 text-sm text-ink-soft">
                          <input
                            type="radio"
                            name={field.name}
                            value={mode}
                            defaultChecked={(field.initialValue ?? prefs[category]) === mode}
                            className="h-4 w-4 border-slate-300 accent-accent focus:outline-none focus-visible:ring-2 focus-visible:ring-accent focus-visible:ring-offset-2"
                          />
                          {EMAIL_MODES[mode]}
                        </label>
                      ))}
                    </div>
                    {fieldErrors.length > 0 ? (
                      <p id={errorId} className="text-sm text-red-700 md:col-span-2">
                        {fieldErrors.join(" ")}
                      </p>
                    ) : null}
                  </div>
                </fieldset>
              );
            })}
          </div>
          <p className="text-sm text-ink-muted">The daily digest arrives once a day with everything you have not read yet.</p>
          <Button type="submit" disabled={busy}>
            Save preferences
          </Button>
          {/* Last, so the spacing of the visible fields is not shifted by it. */}
          <input type="hidden" name="intent" value="preferences" />
        </Form>
      </Card>
    </div>
  );
}
