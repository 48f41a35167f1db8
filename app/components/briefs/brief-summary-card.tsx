import { Link } from "@remix-run/react";
import { CheckCircleIcon, ClockIcon } from "~/components/icons";
import { Alert, Card } from "~/components/ui";
import { CompletenessMeter } from "~/components/briefs/completeness-meter";
import type { BriefCompleteness } from "~/modules/briefs/completeness";
import { waitedFor } from "~/modules/briefs/format";
import type { AckRow } from "~/modules/briefs/reading.server";

/** The campaign page's view of its brief: what is published, by whom, and who has not acknowledged it yet. */
export interface BriefSummaryView {
  publishedVersion: number | null;
  publishedAt: string | null;
  publishedBy: string | null;
  draftChangedSincePublish: boolean;
  /** Only for those who manage the campaign; null for everyone else. */
  completeness: BriefCompleteness | null;
  versions: Array<{ version: number; publishedAt: string; publishedBy: string | null }>;
}

/** The brief on the campaign page: completeness, acknowledgments of the published version, versions. */
export function BriefSummaryCard({
  brief,
  acks,
  now,
  canManage,
  base,
}: {
  brief: BriefSummaryView;
  acks: AckRow[];
  now: number;
  canManage: boolean;
  base: string;
}) {
  const pending = acks.filter((a) => !a.acknowledgedAt);
  return (
    <Card
      title="Brief"
      className="lg:col-span-2"
      description={
        brief.publishedVersion
          ? `v${brief.publishedVersion} published ${brief.publishedAt}${brief.publishedBy ? ` by ${brief.publishedBy}` : ""}.`
          : "Not published yet."
      }
    >
      <div className="space-y-5">
        {brief.completeness ? (
          <CompletenessMeter
            percent={brief.completeness.percent}
            missing={brief.completeness.missing}
            problems={brief.completeness.problems}
            linkToFields={false}
          />
        ) : null}
        {brief.draftChangedSincePublish && canManage ? <Alert tone="info">The draft has edits that are not published yet.</Alert> : null}
        {brief.publishedVersion ? (
          <div>
            <h3 className="text-sm font-semibold text-ink">Acknowledgments of v{brief.publishedVersion}</h3>
            <p className="mt-1 text-sm text-ink-muted">
              {acks.length === 0
                ? "Nobody was asked: no agency member or creator account is assigned yet."
                : pending.length === 0
                  ? "Everyone asked has acknowledged this version."
                  : `${pending.length} of ${acks.length} still to acknowledge. Until they do, the handoff stays with the sender.`}
            </p>
            {acks.length > 0 ? (
              <ul className="mt-3 divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200" data-testid="acknowledgments">
                {acks.map((a) => (
                  <li key={a.userId} className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
                    <span className="font-medium text-ink">{a.name}</span>
                    {a.acknowledgedAt ? (
                      <span className="flex items-center gap-1.5 text-sm text-emerald-800">
                        <CheckCircleIcon size={16} /> Acknowledged after {waitedFor(a.requestedAt, new Date(a.acknowledgedAt).getTime())}
                      </span>
                    ) : (
                      <span className="flex items-center gap-1.5 text-sm text-amber-800">
                        <ClockIcon size={16} /> Not yet · waiting {waitedFor(a.requestedAt, now)}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {brief.versions.length > 1 ? (
          <div>
            <h3 className="text-sm font-semibold text-ink">Versions</h3>
            <ul className="mt-2 space-y-1 text-sm">
              {brief.versions.map((v) => (
                <li key={v.version} className="flex flex-wrap gap-2">
                  <span className="font-medium">v{v.version}</span>
                  <span className="text-ink-muted">
                    {v.publishedAt}
                    {v.publishedBy ? ` · ${v.publishedBy}` : ""}
                  </span>
                  {v.version > 1 ? (
                    <Link className="text-accent hover:underline" to={`${base}/brief/changes?from=${v.version - 1}&to=${v.version}`}>
                      What changed
                    </Link>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </Card>
  );
}
