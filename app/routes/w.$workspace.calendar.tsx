import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation, useSubmit } from "@remix-run/react";
import { z } from "zod";
import { AlertCircleIcon, AlertTriangleIcon, CalendarIcon, ChevronLeftIcon, ChevronRightIcon, ListIcon } from "~/components/icons";
import {
  Alert,
  Button,
  ButtonLink,
  Card,
  CardSection,
  CopyButton,
  EmptyState,
  Field,
  FormError,
  PageHeader,
  SelectField,
  buttonClasses,
  controlClasses,
  cx,
} from "~/components/ui";
import { Peek } from "~/components/calendar/peek";
import { Legend, ListView, MonthView, WeekView } from "~/components/calendar/views";
import { issueFeed, revokeFeed } from "~/modules/calendar/feeds.server";
import { withParams } from "~/modules/calendar/filters";
import { conflictsPath } from "~/modules/calendar/links";
import { calendarPageData } from "~/modules/calendar/page.server";
import { timeZoneSchema } from "~/modules/calendar/schemas";
import { setTimeZone } from "~/modules/calendar/settings.server";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { actionFailure } from "~/utils/action-result.server";
import { parseWith, readForm } from "~/utils/http.server";
import { formatCount } from "~/utils/numbers";

export const meta: MetaFunction = () => [{ title: "Calendar · Baton" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "calendar.view");
  return json(await calendarPageData(ctx, new URL(request.url)));
}

const INTENTS = ["time-zone", "issue-feed", "revoke-feed"] as const;
const intentSchema = z.object({ intent: z.enum(INTENTS, { errorMap: () => ({ message: "Unknown action." }) }) });

function done(intent: (typeof INTENTS)[number], notice: string, feedUrl: string | null = null) {
  return json({ ok: true as const, intent, errors: {} as Record<string, string[]>, formError: null, notice, feedUrl });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "calendar.view");
  const form = await readForm(request);
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return actionFailure(null, which.errors, { formError: "Unknown action." });
  const intent = which.data.intent;

  if (intent === "time-zone") {
    const parsed = parseWith(timeZoneSchema, form);
    if (!parsed.success) return actionFailure(intent, parsed.errors);
    await setTimeZone(request, ctx, parsed.data.timeZone);
    return done(intent, `Times now show in ${parsed.data.timeZone.replace(/_/g, " ")}.`);
  }
  if (intent === "issue-feed") {
    const { url, replaced } = await issueFeed(request, ctx);
    const notice = replaced ? "New feed URL issued. The old one stopped working." : "Feed URL issued.";
    return done(intent, notice, url);
  }
  const revoked = await revokeFeed(request, ctx);
  const notice = revoked ? "Feed URL revoked. Calendar apps using it stop updating." : "There was no feed URL to revoke.";
  return done(intent, notice);
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Answer = {
  ok: boolean;
  intent: string | null;
  errors: Record<string, string[]>;
  formError: string | null;
  notice: string | null;
  feedUrl?: string | null;
};

const VIEW_LABELS = { month: "Month", week: "Week", list: "List" } as const;

function ViewSwitch({ data, search }: { data: Data; search: string }) {
  const targets = {
    month: { view: null, month: data.period.monthParam, week: null },
    week: { view: "week", week: data.period.weekParam, month: null },
    list: { view: "list", month: data.period.monthParam, week: null },
  } as const;
  return (
    <nav aria-label="Calendar view" className="inline-flex rounded-lg bg-slate-100 p-1">
      {(Object.keys(targets) as (keyof typeof targets)[]).map((v) => (
        <Link
          key={v}
          to={withParams(search, targets[v])}
          aria-current={data.view === v ? "page" : undefined}
          className={cx(
            "rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent",
            data.view === v ? "bg-white text-ink shadow-sm" : "text-ink-muted hover:text-ink",
          )}
        >
          {VIEW_LABELS[v]}
        </Link>
      ))}
    </nav>
  );
}

function Filters({ data }: { data: Data }) {
  const submit = useSubmit();
  const o = data.options;
  const keep: Record<string, string> =
    data.view === "week"
      ? { view: "week", week: data.period.weekParam }
      : { view: data.view === "list" ? "list" : "", month: data.period.monthParam };
  return (
    <Form
      method="get"
      aria-label="Filter the calendar"
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6 lg:items-end"
      onChange={(event) => submit(event.currentTarget, { preventScrollReset: true, replace: true })}
    >
      {Object.entries(keep).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      <SelectField label="Brand" name="brand" defaultValue={data.filter.brand ?? ""} placeholder="All brands" options={o.brands} />
      {o.agencies.length > 0 ? (
        <SelectField label="Agency" name="agency" defaultValue={data.filter.agency ?? ""} placeholder="All agencies" options={o.agencies} />
      ) : null}
      {o.creators.length > 0 ? (
        <SelectField
          label="Creator"
          name="creator"
          defaultValue={data.filter.creator ?? ""}
          placeholder="All creators"
          options={o.creators}
        />
      ) : null}
      <SelectField
        label="Channel"
        name="channel"
        defaultValue={data.filter.channel ?? ""}
        placeholder="All channels"
        options={o.channels}
      />
      <Field label="Status" name="status">
        {(control) => (
          <select {...control} defaultValue={data.filter.status ?? ""} className={cx(controlClasses, "appearance-none")}>
            <option value="">Any status</option>
            {o.statuses.map((g) => (
              <optgroup key={g.group} label={g.group}>
                {g.options.map((s) => (
                  <option key={`${g.group}-${s.value}`} value={s.value}>
                    {s.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      </Field>
      <div className="flex gap-2">
        <Button type="submit" variant="secondary">
          Apply
        </Button>
        {data.filtered ? (
          <ButtonLink to={withParams(new URLSearchParams(Object.entries(keep).filter(([, v]) => v)), {})} variant="ghost">
            Clear
          </ButtonLink>
        ) : null}
      </div>
    </Form>
  );
}

function ConflictSummary({ data }: { data: Data }) {
  if (data.badge.open === 0) return null;
  const errors = data.badge.errors;
  const warnings = data.badge.open - errors;
  const parts = [
    errors ? `${formatCount(errors)} ${errors === 1 ? "conflict" : "conflicts"}` : null,
    warnings ? `${formatCount(warnings)} ${warnings === 1 ? "warning" : "warnings"}` : null,
  ].filter(Boolean);
  const brandParam = data.filter.brand ? `?brand=${data.filter.brand}` : "";
  return (
    <div
      data-testid="conflict-badge"
      className={cx(
        "flex flex-wrap items-center gap-3 rounded-lg px-4 py-3 text-sm ring-1 ring-inset",
        errors ? "bg-red-50 text-red-900 ring-red-200" : "bg-amber-50 text-amber-900 ring-amber-200",
      )}
    >
      {errors ? (
        <AlertCircleIcon size={18} className="shrink-0 text-red-600" />
      ) : (
        <AlertTriangleIcon size={18} className="shrink-0 text-amber-600" />
      )}
      <p className="min-w-0 flex-1">
        <span className="font-semibold">{parts.join(" and ")}</span> in this {data.view === "week" ? "week" : "month"}
        {data.filtered ? " (with these filters)" : ""}. Items with a badge clash with something else on the calendar.
      </p>
      {data.canManageConflicts ? (
        <Link to={`${conflictsPath(data.slug)}${brandParam}`} className={buttonClasses("secondary", "sm")}>
          Review conflicts
        </Link>
      ) : null}
    </div>
  );
}

function Settings({ data, answer }: { data: Data; answer: Answer | undefined }) {
  const nav = useNavigation();
  const busy = (intent: string) => nav.state !== "idle" && nav.formData?.get("intent") === intent;
  const own = (intent: string) => (answer?.intent === intent ? answer : undefined);
  const tz = own("time-zone");
  const feedAnswer = own("issue-feed") ?? own("revoke-feed");
  return (
    <Card title="Your calendar settings" description="Only you see these. They apply to every page and email that shows a time.">
      <div className="-mx-4 -my-5 sm:-mx-6">
        <CardSection
          title="Time zone"
          description={`Times on this calendar are shown in ${data.timeZone.label}. Days follow your zone, including on daylight-saving changes.`}
        >
          <Form method="post" preventScrollReset className="flex flex-col gap-3 sm:flex-row sm:items-end">
            <input type="hidden" name="intent" value="time-zone" />
            <SelectField
              label="Show times in"
              name="timeZone"
              defaultValue={data.timeZone.current}
              options={data.timeZone.options}
              errors={tz?.errors.timeZone}
              className="sm:w-96"
            />
            <Button type="submit" variant="secondary" disabled={busy("time-zone")}>
              {busy("time-zone") ? "Saving…" : "Save time zone"}
            </Button>
          </Form>
          <div aria-live="polite" className="mt-2 text-sm">
            {tz?.ok ? <p className="text-emerald-700">{tz.notice}</p> : null}
            {tz && !tz.ok ? <FormError errors={tz.formError} /> : null}
          </div>
        </CardSection>
        <CardSection
          title="Calendar feed"
          description="A private address that Google Calendar, Apple Calendar or Outlook can subscribe to. It shows what you can see here and updates about every hour. Anyone with the address can read it, so keep it to yourself; revoke it if it leaks."
        >
          {feedAnswer?.feedUrl ? (
            <div className="mb-4 space-y-2">
              <Alert tone="success" title="Your feed address">
                Copy it now: for your safety it is not shown again. Issue a new one if you lose it.
              </Alert>
              <CopyButton value={feedAnswer.feedUrl} label="Calendar feed URL" showLabel />
            </div>
          ) : null}
          <p className="text-sm text-ink-soft">
            {data.feed ? `A feed address is active since ${data.feed.since}.` : "You have no feed address yet."}
          </p>
          <div className="mt-3 flex flex-wrap gap-2">
            <Form method="post" preventScrollReset>
              <input type="hidden" name="intent" value="issue-feed" />
              <Button type="submit" variant="secondary" disabled={busy("issue-feed")}>
                {data.feed ? "Issue a new address (revokes the old one)" : "Create feed address"}
              </Button>
            </Form>
            {data.feed ? (
              <Form method="post" preventScrollReset>
                <input type="hidden" name="intent" value="revoke-feed" />
                <Button type="submit" variant="ghost" disabled={busy("revoke-feed")}>
                  Revoke feed address
                </Button>
              </Form>
            ) : null}
          </div>
          <p aria-live="polite" className="mt-2 text-sm text-emerald-700">
            {feedAnswer?.ok && !feedAnswer.feedUrl ? feedAnswer.notice : ""}
          </p>
        </CardSection>
      </div>
    </Card>
  );
}

export default function CalendarPage() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as Answer | undefined;
  const location = useLocation();
  const search = location.search;
  const params = new URLSearchParams(search);
  const peekKey = params.get("peek");
  const peekItem = peekKey ? (data.items.find((i) => i.key === peekKey) ?? null) : null;
  const listHref = (date: string) => `${withParams(search, { view: "list", month: date.slice(0, 7), week: null })}#day-${date}`;
  const csvHref = `/w/${data.slug}/calendar.csv${withParams(search, { view: null }).replace(/^\?$/, "")}`;
  const empty = data.items.length === 0;
  const periodNoun = data.view === "week" ? "week" : "month";

  return (
    <div className="space-y-5">
      <PageHeader
        title="Calendar"
        description="Every campaign and deliverable you can see, across brands, agencies and creators, with clashes flagged before they go live."
        actions={
          <>
            <ViewSwitch data={data} search={search} />
            {data.view === "list" ? (
              <a href={csvHref} className={buttonClasses("secondary", "sm")} download>
                <ListIcon /> Export CSV
              </a>
            ) : null}
          </>
        }
      />

      <Card>
        <Filters data={data} />
      </Card>

      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-2">
          <Link
            to={withParams(search, data.period.prev)}
            className={buttonClasses("secondary", "sm", "px-2")}
            aria-label={`Previous ${periodNoun}`}
          >
            <ChevronLeftIcon />
          </Link>
          <Link to={withParams(search, data.period.today)} className={buttonClasses("secondary", "sm")}>
            Today
          </Link>
          <Link
            to={withParams(search, data.period.next)}
            className={buttonClasses("secondary", "sm", "px-2")}
            aria-label={`Next ${periodNoun}`}
          >
            <ChevronRightIcon />
          </Link>
          <h2 className="ml-2 text-lg font-semibold text-ink" aria-live="polite">
            {data.period.title}
          </h2>
        </div>
        <p className="text-sm text-ink-muted">Times in {data.timeZone.label}</p>
      </div>

      <ConflictSummary data={data} />
      <Legend brands={data.legend} />

      {empty && data.view === "list" ? (
        <Card>
          <EmptyState
            icon={<CalendarIcon />}
            title={data.filtered ? "Nothing matches these filters" : `Nothing planned this ${periodNoun}`}
            description={
              data.filtered ? "Try fewer filters, or another month." : "Campaigns and deliverables appear here as soon as they are planned."
            }
          />
        </Card>
      ) : data.view === "month" ? (
        <>
          <MonthView
            items={data.items}
            search={search}
            peek={peekKey}
            today={data.today}
            weeks={data.period.weeks}
            listHref={listHref}
            hiddenByDay={data.hiddenByDay}
            droppedCampaignsByWeek={data.droppedCampaignsByWeek}
          />
          <p className="text-xs text-ink-muted">
            Tip: Tab into the grid, then use the arrow keys to move between days; Enter opens the day in the list view.
          </p>
        </>
      ) : data.view === "week" ? (
        <WeekView
          items={data.items}
          search={search}
          peek={peekKey}
          today={data.today}
          days={data.period.weeks[0].map((d) => d.date)}
          listHref={listHref}
          hiddenByDay={data.hiddenByDay}
        />
      ) : (
        <>
          {data.truncated ? (
            <Alert tone="info">
              Showing the first {data.truncated.shown} of {data.truncated.matched} deliverables this month. Narrow the filters to see the
              rest, or export the CSV, which has them all.
            </Alert>
          ) : null}
          <ListView days={data.listDays} search={search} peek={peekKey} />
        </>
      )}
      {empty && data.view !== "list" ? (
        <p className="text-sm text-ink-muted">
          {data.filtered ? "Nothing matches these filters in this period." : `Nothing planned this ${periodNoun}.`}
        </p>
      ) : null}

      {peekItem ? (
        <Peek
          item={peekItem}
          closeHref={withParams(search, { peek: null })}
          conflictsHref={data.canManageConflicts ? `${conflictsPath(data.slug)}?brand=${peekItem.brandId}` : null}
        />
      ) : null}

      <Settings data={data} answer={answer} />
    </div>
  );
}
