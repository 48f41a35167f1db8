import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { listCustomPlatforms } from "~/modules/onboarding/custom-platforms.server";
import { Link, isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { ApproverTable, BreakdownTable, CsvLink, SummaryTable } from "~/components/insights/breakdowns";
import { ChartSvg, ChartTable } from "~/components/insights/chart";
import { InsightsFilters } from "~/components/insights/filters";
import { Headlines } from "~/components/insights/headlines";
import {
  breakdownColumns,
  definitions,
  detailTables,
  filterView,
  headlineSections,
  periodWords,
  shownBreakdowns,
  weekCharts,
} from "~/components/insights/page-model.server";
import { InsightsTabs } from "~/components/insights/stuck-list";
import { GeneralErrorBoundary } from "~/components/shell/error-boundary";
import { Alert, ButtonLink, Card, PageHeader } from "~/components/ui";
import { filterQuery } from "~/modules/insights/page-filter";
import { insightsPage } from "~/modules/insights/page.server";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { zonePlace } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Insights · Baton" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "insights.view");
  const url = new URL(request.url);
  const page = await insightsPage(ctx, url);
  // A filter nobody can read is answered, not guessed: figures for another period would pass for the answer.
  if (!page.ok) throw json({ message: page.problem.message }, { status: 400 });
  const { report, stuck, filter } = page.value;
  const path = `/w/${ctx.workspace.slug}/insights`;
  const csv = (table: string) => `${path}.csv${filterQuery(filter, { table })}`;
  return json({
    slug: ctx.workspace.slug,
    zone: { id: report.timeZone, place: zonePlace(report.timeZone) },
    query: filterQuery(filter),
    period: periodWords(report),
    filters: filterView(page.value, path),
    headlines: headlineSections(report),
    charts: weekCharts(report),
    columns: breakdownColumns(),
    breakdowns: shownBreakdowns(report.breakdowns),
    ...detailTables(report, new Map((await listCustomPlatforms(ctx)).map((p) => [p.key, p.name]))),
    stuck: { total: stuck.total, holders: stuck.groups.length },
    definitions: definitions(),
    csv: Object.fromEntries(
      ["headlines", "weeks", "brands", "agencies", "creators", "approvers", "stages", "platforms", "conflicts"].map((t) => [t, csv(t)]),
    ),
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function StuckSummary({ data }: { data: Data }) {
  const { total, holders } = data.stuck;
  return (
    <Alert tone={total > 0 ? "warning" : "success"}>
      {total > 0 ? (
        <span>
          <strong>Stuck now:</strong> {total === 1 ? "1 handoff is" : `${total} handoffs are`} waiting longer than expected, held by{" "}
          {holders === 1 ? "1 person or team" : `${holders} people or teams`}.{" "}
          <Link to={`/w/${data.slug}/insights/stuck`} className="font-medium underline">
            See whom to chase
          </Link>
        </span>
      ) : (
        <span>Nothing is stuck: every open handoff is within its expected time.</span>
      )}
    </Alert>
  );
}

export default function InsightsPage() {
  const data = useLoaderData<typeof loader>();
  const csv = data.csv as Record<string, string>;
  return (
    <div className="space-y-8 print:space-y-6">
      <PageHeader
        title="Insights"
        description={`How fast handoffs move, from every handoff finished ${data.period.label}, compared with ${data.period.previousRange}. Days and weeks are counted in ${data.zone.place} time.`}
        actions={<InsightsTabs slug={data.slug} stuck={data.stuck.total} query={data.query} />}
      />
      <InsightsFilters view={data.filters} action={`/w/${data.slug}/insights`} />
      <StuckSummary data={data} />

      <section aria-labelledby="headlines-title" className="space-y-4">
        <div className="flex items-baseline justify-between gap-3">
          <h2 id="headlines-title" className="text-lg font-semibold text-ink">
            Headline figures
          </h2>
          <CsvLink href={csv.headlines} label="the headline figures" />
        </div>
        <Headlines sections={data.headlines} previousLabel={data.period.previous} />
      </section>

      <section aria-labelledby="weeks-title" className="space-y-4">
        <div className="flex items-baseline justify-between gap-3">
          <h2 id="weeks-title" className="text-lg font-semibold text-ink">
            Week by week
          </h2>
          <CsvLink href={csv.weeks} label="every figure per week" />
        </div>
        <p className="-mt-2 text-sm text-ink-muted">
          ISO weeks, Monday to Sunday in {data.zone.place} time; a dash on the axis is a week with nothing to measure.
        </p>
        <div className="grid gap-4 lg:grid-cols-2 print:grid-cols-2">
          {data.charts.map((chart) => (
            <Card key={chart.id} title={chart.title} headingLevel={3} className="break-inside-avoid">
              <ChartSvg chart={chart} />
              <ChartTable chart={chart} rowHeader="Week starting" />
            </Card>
          ))}
        </div>
      </section>

      <section aria-labelledby="detail-title" className="space-y-4">
        <h2 id="detail-title" className="text-lg font-semibold text-ink">
          In detail
        </h2>
        <div className="grid gap-4 xl:grid-cols-2">
          <SummaryTable
            title="Time in each stage"
            description="From a stage starting to wait to the decision that completed it."
            nameHeader="Stage"
            rows={data.stages}
            csv={csv.stages}
            countHeader="Decided"
          />
          <SummaryTable
            title="Time to verified access, per platform"
            description="From asking for access to the agency verifying it."
            nameHeader="Platform"
            rows={data.platforms}
            csv={csv.platforms}
            countHeader="Verified"
          />
          <SummaryTable
            title="Open conflicts by rule"
            description="Holding at the end of the period, with their age since first seen."
            nameHeader="Rule"
            rows={data.conflicts}
            csv={csv.conflicts}
            countHeader="Open"
          />
        </div>
      </section>

      <section aria-labelledby="breakdowns-title" className="space-y-4">
        <h2 id="breakdowns-title" className="text-lg font-semibold text-ink">
          Breakdowns
        </h2>
        <p className="-mt-2 text-sm text-ink-muted">
          The same figures per brand, agency and creator; in brackets, how many each stands on.
        </p>
        <BreakdownTable
          title="By brand"
          description="Every figure of the brand's campaigns, across agencies."
          nameHeader="Brand"
          rows={data.breakdowns.brand.rows}
          total={data.breakdowns.brand.total}
          noun="brands"
          columns={data.columns}
          csv={csv.brands}
        />
        <BreakdownTable
          title="By agency"
          description="Campaigns each agency leads, and the access links it sent."
          nameHeader="Agency"
          rows={data.breakdowns.agency.rows}
          total={data.breakdowns.agency.total}
          noun="agencies"
          columns={data.columns}
          csv={csv.agencies}
        />
        <BreakdownTable
          title="By creator"
          description="Each creator's drafts, deliverables and brief acknowledgments."
          nameHeader="Creator"
          rows={data.breakdowns.creator.rows}
          total={data.breakdowns.creator.total}
          noun="creators"
          columns={data.columns}
          csv={csv.creators}
        />
        <ApproverTable rows={data.breakdowns.approver.rows} total={data.breakdowns.approver.total} csv={csv.approvers} />
      </section>

      <Card title="How each figure is measured" headingLevel={2} className="break-inside-avoid">
        <dl className="grid gap-x-8 gap-y-3 text-sm md:grid-cols-2">
          {data.definitions.map((d) => (
            <div key={d.label}>
              <dt className="font-medium text-ink">{d.label}</dt>
              <dd className="text-ink-muted">{d.definition}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-4 text-sm text-ink-muted">
          Medians and 90th percentiles are nearest-rank: always a time that was measured. A rate with nothing to count shows as no data,
          never 0%.
        </p>
      </Card>
    </div>
  );
}

/** A filter that cannot be read: say what is wrong, inside the workspace, with the way back to the default view. */
export function ErrorBoundary() {
  const error = useRouteError();
  if (!isRouteErrorResponse(error) || error.status !== 400) return <GeneralErrorBoundary />;
  const message = (error.data as { message?: string } | null)?.message ?? "The filter could not be read.";
  return (
    <div className="space-y-6">
      <PageHeader title="Insights" />
      <Alert tone="danger" title="That filter could not be applied">
        {message}
      </Alert>
      <ButtonLink to="." relative="path" variant="secondary">
        Show the last 12 weeks
      </ButtonLink>
    </div>
  );
}
