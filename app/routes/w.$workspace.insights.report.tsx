import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { LiveRegion } from "~/components/approvals/live-region";
import { Alert, Badge, Button, Card, CardSection, EmptyState, FormError, PageHeader, SelectField } from "~/components/ui";
import { reportPreviewPath } from "~/modules/insights/monthly-report-links";
import { monthLabel } from "~/modules/insights/monthly-report";
import { isMonth, previousMonthOf } from "~/modules/insights/monthly-report-schedule";
import { reportQuerySchema, sendAgainSchema } from "~/modules/insights/monthly-report-schemas";
import { defaultReportMonth, previewMonthlyReport, reportBrands, sendMonthlyReportAgain } from "~/modules/insights/monthly-report.server";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { answer, throwUnlessOk } from "~/utils/action-data.server";
import { useActionForm } from "~/utils/conform";
import { parseWith, readForm } from "~/utils/http.server";
import { invalid } from "~/utils/outcome";
import { formatIn } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Monthly report · Insights · Baton" }];

/** The months offered: the twelve before the current one, newest first. */
const MONTHS_OFFERED = 12;

/** The page's one action; the audit table's guard reads this list. */
const INTENTS = ["send-again"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "reports.send");
  const brands = await reportBrands(ctx);
  const slug = ctx.workspace.slug;
  if (brands.length === 0) return json({ slug, ready: false as const });
  const url = new URL(request.url);
  const asked = parseWith(reportQuerySchema.partial(), {
    brand: url.searchParams.get("brand") ?? undefined,
    month: url.searchParams.get("month") ?? undefined,
  });
  // A value from an old link or a typo falls back to the default, and the page says so.
  const brand = brands.find((b) => asked.success && b.id === asked.data.brand) ?? brands[0];
  const now = new Date();
  const latest = defaultReportMonth(now, brand.timeZone);
  const months = [latest];
  while (months.length < MONTHS_OFFERED) months.push(previousMonthOf(months[months.length - 1]));
  const wanted = asked.success ? asked.data.month : undefined;
  const month = wanted && isMonth(wanted) && wanted <= latest ? wanted : latest;
  const ignored =
    !asked.success || (asked.data.brand !== undefined && asked.data.brand !== brand.id) || (wanted !== undefined && wanted !== month);
  const preview = throwUnlessOk(await previewMonthlyReport(ctx, { brandId: brand.id, month }, now));
  const zone = ctx.user.timeZone || "UTC";
  return json({
    slug,
    ready: true as const,
    ignored,
    brands: brands.map((b) => ({ value: b.id, label: b.name })),
    months: [...new Set([...months, month])].map((m) => ({ value: m, label: monthLabel(m) })),
    brand: { id: brand.id, name: brand.name, timeZone: brand.timeZone },
    month,
    monthLabel: monthLabel(month),
    subject: preview.subject,
    html: preview.html,
    recipients: preview.recipients.map((r) => ({ name: r.name, email: r.email })),
    sends: preview.sends.map((s) => ({
      kind: s.kind,
      to: s.to,
      by: s.by,
      at: s.at.toISOString(),
      when: `${formatIn(s.at, zone, "d LLL yyyy, HH:mm")}`,
    })),
    zone,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "reports.send");
  const form = await readForm(request);
  const parsed = parseWith(sendAgainSchema, form);
  if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent: INTENTS[0] });
  const outcome = await sendMonthlyReportAgain(ctx, parsed.data);
  return answer(outcome, {
    intent: parsed.data.intent,
    notice: ({ sent }) => `Sent again to ${sent === 1 ? "1 brand lead" : `${sent} brand leads`}. It arrives in a minute or two.`,
  });
}

function SendAgain({ brandId, month, seen, count }: { brandId: string; month: string; seen: number; count: number }) {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form] = useActionForm({ id: "send-again", intent: INTENTS[0], schema: sendAgainSchema, answer: result });
  const notice = result?.ok && result.intent === INTENTS[0] ? result.notice : null;
  return (
    <Form method="post" className="space-y-3" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={INTENTS[0]} />
      <input type="hidden" name="brandId" value={brandId} />
      <input type="hidden" name="month" value={month} />
      <input type="hidden" name="seen" value={String(seen)} />
      <LiveRegion>
        {form.errors ? <FormError errors={form.errors} /> : null}
        {notice ? (
          <Alert tone="success" role="status">
            {notice}
          </Alert>
        ) : null}
      </LiveRegion>
      <Button type="submit" disabled={busy}>
        {busy ? "Sending…" : `Send again to ${count === 1 ? "1 brand lead" : `${count} brand leads`}`}
      </Button>
      <p className="text-sm text-ink-muted">A separate send, recorded below and in the audit trail. The automatic one is not repeated.</p>
    </Form>
  );
}

export default function MonthlyReportPage() {
  const data = useLoaderData<typeof loader>();
  const insights = `/w/${data.slug}/insights`;
  const header = (
    <PageHeader
      title="Monthly report"
      description="What each brand lead receives at 09:00 on the first working day of the month (in the brand's time zone): last month's figures, per agency. Preview it for any brand and month, and send it again."
      breadcrumbs={[{ label: "Insights", to: insights }]}
    />
  );
  if (!data.ready)
    return (
      <div className="mx-auto max-w-6xl">
        {header}
        <EmptyState title="No brands yet" description="Add a brand in the directory: its leads will receive a report each month." />
      </div>
    );
  const autoSent = data.sends.some((s) => s.kind === "auto");
  return (
    <div className="mx-auto max-w-6xl">
      {header}
      {data.ignored ? (
        <Alert tone="warning" className="mb-4">
          The address asked for a brand or month this page does not offer, so it shows {data.brand.name} for {data.monthLabel}.
        </Alert>
      ) : null}
      <Card className="mb-6">
        <Form method="get" action={reportPreviewPath(data.slug)} className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
          <SelectField label="Brand" name="brand" defaultValue={data.brand.id} options={data.brands} />
          <SelectField label="Month" name="month" defaultValue={data.month} options={data.months} />
          <Button type="submit" variant="secondary">
            Show
          </Button>
        </Form>
      </Card>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Card flush title="Preview" description={`Subject: ${data.subject}`}>
          <iframe
            title={`The monthly report email for ${data.brand.name}, ${data.monthLabel}`}
            sandbox=""
            srcDoc={data.html}
            referrerPolicy="no-referrer"
            className="block h-[56rem] w-full border-0 bg-white"
          />
        </Card>
        <div className="space-y-6">
          <Card flush title="Recipients" description={`The brand leads of ${data.brand.name}.`}>
            <CardSection>
              {data.recipients.length === 0 ? (
                <p className="text-sm text-ink-muted">
                  {data.brand.name} has no brand lead, so nobody receives this report. Invite one from Members.
                </p>
              ) : (
                <ul className="space-y-2 text-sm">
                  {data.recipients.map((r) => (
                    <li key={r.email}>
                      <span className="font-medium text-ink">{r.name}</span> <span className="break-all text-ink-muted">{r.email}</span>
                    </li>
                  ))}
                </ul>
              )}
            </CardSection>
            {data.recipients.length > 0 ? (
              <CardSection>
                <SendAgain brandId={data.brand.id} month={data.month} seen={data.sends.length} count={data.recipients.length} />
              </CardSection>
            ) : null}
          </Card>
          <Card flush title="Sent" description={autoSent ? undefined : "Not sent automatically for this month."}>
            {data.sends.length === 0 ? (
              <CardSection>
                <p className="text-sm text-ink-muted">Nothing sent for {data.monthLabel} yet.</p>
              </CardSection>
            ) : (
              <ul className="divide-y divide-slate-200">
                {data.sends.map((s, i) => (
                  <li key={`${s.at}-${s.to}-${i}`} className="px-4 py-3 text-sm sm:px-6">
                    <div className="flex flex-wrap items-center gap-2">
                      <Badge tone={s.kind === "auto" ? "neutral" : "info"}>{s.kind === "auto" ? "Automatic" : "Sent again"}</Badge>
                      <time dateTime={s.at} className="text-ink-muted">
                        {s.when}
                      </time>
                    </div>
                    <p className="mt-1 break-all text-ink">{s.to}</p>
                    {s.by ? <p className="text-ink-muted">by {s.by}</p> : null}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}
