import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CsvLink } from "~/components/insights/breakdowns";
import { InsightsTabs, StuckGroupCard } from "~/components/insights/stuck-list";
import { Card, EmptyState, PageHeader } from "~/components/ui";
import { STUCK_KIND_LABELS } from "~/modules/insights/stuck";
import { loadStuck } from "~/modules/insights/stuck.server";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { formatDuration, ONE_UNIT } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Stuck now · Insights · Baton" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "insights.view");
  const now = new Date();
  const stuck = await loadStuck(ctx, now);
  const e = stuck.expected;
  return json({
    slug: ctx.workspace.slug,
    now: now.getTime(),
    timeZone: ctx.user.timeZone || "UTC",
    total: stuck.total,
    groups: stuck.groups.map((g) => ({
      key: g.key,
      name: g.name,
      holder: g.holder.kind,
      items: g.items.map((i) => ({ ...i, kindLabel: STUCK_KIND_LABELS[i.kind] })),
    })),
    // What "longer than expected" means for each kind, in words (stuck.ts says why each is what it is).
    rules: [
      ["Brief to acknowledge", `after ${formatDuration(e.briefAckMs, ONE_UNIT)}`],
      ["Draft to review or sign off", "after the route's review time (24 h unless the route says otherwise)"],
      [
        "Sign-off near its deadline",
        `once the deadline is less than ${formatDuration(e.signoffAtRiskMs, ONE_UNIT)} away, however short the wait`,
      ],
      ["Blocked deliverable", "as soon as its sign-off deadline passes"],
      ["Access to verify", `after ${formatDuration(e.verifyMs, ONE_UNIT)}`],
      ["Access not granted by the client", `after ${formatDuration(e.grantMs, ONE_UNIT)} without progress`],
      ["Conflict open (not acknowledged)", `after ${formatDuration(e.conflictMs, ONE_UNIT)}`],
    ],
  });
}

export default function StuckNowPage() {
  const data = useLoaderData<typeof loader>();
  const people = data.groups.length;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Stuck now"
        description="Every handoff waiting longer than expected, grouped by whoever holds it: whom to chase today. Longest overdue first."
        actions={<InsightsTabs slug={data.slug} stuck={data.total} query="" />}
      />
      {data.total === 0 ? (
        <Card>
          <EmptyState title="Nothing is stuck" description="Every open handoff you can see is within its expected time." />
        </Card>
      ) : (
        <>
          <div className="flex flex-wrap items-baseline justify-between gap-3">
            <p className="text-sm text-ink-soft">
              <strong className="text-ink">{data.total === 1 ? "1 handoff" : `${data.total} handoffs`}</strong> with{" "}
              {people === 1 ? "1 holder" : `${people} holders`}. A handoff two people can move is listed under each.
            </p>
            <CsvLink href={`/w/${data.slug}/insights.csv?table=stuck`} label="the stuck handoffs" />
          </div>
          <div className="space-y-4">
            {data.groups.map((g) => (
              <StuckGroupCard key={g.key} group={g} now={data.now} timeZone={data.timeZone} />
            ))}
          </div>
        </>
      )}
      <Card title="When a handoff counts as stuck" headingLevel={2}>
        <dl className="grid gap-x-8 gap-y-2 text-sm sm:grid-cols-2">
          {data.rules.map(([what, when]) => (
            <div key={what}>
              <dt className="font-medium text-ink">{what}</dt>
              <dd className="text-ink-muted">{when}</dd>
            </div>
          ))}
        </dl>
      </Card>
    </div>
  );
}
