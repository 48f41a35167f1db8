import { Link } from "@remix-run/react";
import { Countdown } from "~/components/approvals/countdown";
import { RouteProgress, type RouteStageView } from "~/components/approvals/route-progress";
import { Alert, Card } from "~/components/ui";
import type { DeliverablePageData } from "./deliverable-result";

/* The deliverable page's summary: what state it is in, why it is not your turn, its timing and route. */

/**
 * The blocked flag in words (decision 052): what it stops, what goes on, and the two ways out. Shown
 * above the status's own alert, since both hold at once (e.g. blocked, with changes requested).
 */
export function BlockedAlert({ page }: { page: DeliverablePageData }) {
  if (!page.blocked) return null;
  return (
    <Alert tone="danger" title="Blocked: no sign-off before the deadline">
      <p>
        The brand had not signed off by {page.deadlineLabel}. Drafts, reviews and change requests go on, but it can't be scheduled or
        published, and no sign-off counts, until it is rescheduled at least {page.windowHours} hours ahead or an admin overrides the block
        with a reason.
      </p>
      {page.earliest ? <p className="mt-1">Earliest allowed time: {page.earliest.label}.</p> : null}
    </Alert>
  );
}

export function StatusAlert({ page }: { page: DeliverablePageData }) {
  if (page.status === "changes_requested") {
    const asked = page.versions[0]?.decisions.filter((d) => d.decision === "request_changes").at(-1);
    return (
      <Alert tone="warning" title={asked ? `${asked.who} asked for changes on v${page.currentVersion}` : "Changes requested"}>
        {asked?.comment ? <p className="whitespace-pre-wrap">“{asked.comment}”</p> : null}
        <p className={asked?.comment ? "mt-1" : undefined}>The creator submits a new version; the route starts again on it.</p>
      </Alert>
    );
  }
  if (page.status === "published" && page.liveUrl) {
    return (
      <Alert tone="success" title="Published">
        Live at{" "}
        <a href={page.liveUrl} rel="noreferrer noopener" target="_blank">
          {page.liveUrl}
        </a>
        .
      </Alert>
    );
  }
  if (page.override) {
    return (
      <Alert tone="warning" title="Signed off by an override, without a timely sign-off (exception)">
        {page.override.by} overrode the block on {page.override.at}: “{page.override.reason}”.
      </Alert>
    );
  }
  return null;
}

/** Why an approver on the route sees no decision buttons right now. */
export function NotYourTurn({ page, viewerId }: { page: DeliverablePageData; viewerId: string }) {
  if (page.status !== "in_review") return null;
  const mine = page.route.findIndex((s) => s.approvers.some((a) => a.id === viewerId));
  if (mine === -1) return null;
  const stage = page.route[mine];
  let text: string | null = null;
  if (page.can.selfSubmitted) text = `You submitted v${page.currentVersion}, so someone else on the route decides on it.`;
  else if (stage.state === "waiting")
    text = `It reaches you at “${stage.name}” once the stages before it approve v${page.currentVersion}. You'll get an email.`;
  else if (stage.approvers.find((a) => a.id === viewerId)?.decided) text = `You already decided on v${page.currentVersion}.`;
  return text ? <Alert tone="info">{text}</Alert> : null;
}

export function TimingPanel({ page }: { page: DeliverablePageData }) {
  const sameZone = page.viewerZone === page.brand.timeZone;
  return (
    <Card
      title="Timing"
      description={
        sameZone ? `Times in ${page.viewerZone}.` : `Your time (${page.viewerZone}) first, the brand's (${page.brand.timeZone}) beside it.`
      }
    >
      <dl className="space-y-3 text-sm">
        <div>
          <dt className="font-medium text-ink">Goes live</dt>
          <dd className="text-ink-soft">{page.publishLabel}</dd>
        </div>
        <div>
          <dt className="font-medium text-ink">Brand sign-off deadline</dt>
          <dd className="text-ink-soft">{page.deadlineLabel}</dd>
          <dd className="mt-1 text-xs text-ink-muted">
            {page.windowHours} hours before it goes live. A sign-off counts only on the current version and before this time.
          </dd>
          {page.countdown ? (
            <dd className="mt-2">
              <Countdown deadline={page.deadline} initial={page.countdown} />
            </dd>
          ) : null}
        </div>
        {page.signedOff ? (
          <div>
            <dt className="font-medium text-ink">Signed off</dt>
            <dd className="text-ink-soft">
              v{page.signedOff.version} by {page.signedOff.by}, {page.signedOff.at}
            </dd>
          </div>
        ) : null}
      </dl>
    </Card>
  );
}

/** The campaign's approval route and who holds the deliverable now. */
export function RouteCard({ page }: { page: DeliverablePageData }) {
  return (
    <Card
      title="Approval route"
      description={page.routeSaved ? "Set by the campaign's coordinator." : "The default route: agency review, then brand sign-off."}
      actions={
        page.can.editRoute ? (
          <Link to={`/w/${page.slug}/campaigns/${page.campaign.id}/route`} className="text-sm font-medium text-accent hover:underline">
            Edit route
          </Link>
        ) : null
      }
    >
      <p className="mb-3 text-sm text-ink-soft">
        <span className="font-medium text-ink">Who holds it now:</span> {page.holder}
      </p>
      <RouteProgress stages={page.route as RouteStageView[]} />
    </Card>
  );
}
