import { CopyDiffView } from "~/components/approvals/copy-diff-view";
import { drawnPins, PinnedImage, PinTag } from "~/components/approvals/pinned-image";
import { CheckCircleIcon, AlertCircleIcon } from "~/components/icons";
import { Badge, Card } from "~/components/ui";
import type { LinkPage } from "./types";

type Version = NonNullable<LinkPage["version"]>;

/** The current version as reviewers see it: copy, link, media, checks, the change from the version before, decisions and comments. */
export function DraftPanel({ page }: { page: LinkPage }) {
  const version = page.version;
  if (!version) {
    return (
      <Card title="The draft">
        <p className="text-sm text-ink-muted">No version submitted yet. You'll get an email when there is one to review.</p>
      </Card>
    );
  }
  return (
    <Card
      title={`Version ${version.version}`}
      description={`Submitted by ${version.submittedBy}, ${version.submittedAt}.`}
      actions={version.late ? <Badge tone="danger">Submitted late</Badge> : null}
    >
      <div className="space-y-6">
        {version.title ? <p className="font-medium text-ink">{version.title}</p> : null}
        <div className="whitespace-pre-wrap break-words rounded-lg bg-slate-50 p-4 text-sm leading-6 text-ink ring-1 ring-inset ring-slate-200">
          {version.copy}
        </div>
        {version.link ? (
          <p className="break-all text-sm">
            <span className="font-medium text-ink">Link: </span>
            <a href={version.link} className="text-accent underline" rel="noreferrer noopener" target="_blank">
              {version.link}
            </a>
          </p>
        ) : null}
        <Media media={version.media} comments={version.comments} />
        <Checks checks={version.checks} />
        {page.diff ? (
          <section aria-labelledby="diff-h" className="border-t border-slate-200 pt-4">
            <h3 id="diff-h" className="mb-2 text-sm font-semibold text-ink">
              What changed since version {page.diff.from}
            </h3>
            <CopyDiffView segments={page.diff.segments} from={page.diff.from} to={page.diff.to} />
          </section>
        ) : null}
        <Conversation version={version} />
      </div>
    </Card>
  );
}

/** The media, with the version's pins drawn on its images (decision 058); showing only: a link comments through its decision. */
function Media({ media, comments }: { media: Version["media"]; comments: Version["comments"] }) {
  if (media.length === 0) return null;
  const pins = drawnPins(comments);
  return (
    <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2" aria-label="Media">
      {media.map((m) => (
        <PinnedImage key={m.id} media={m} pins={pins} />
      ))}
    </ul>
  );
}

function Checks({ checks }: { checks: Version["checks"] }) {
  if (checks.length === 0) return null;
  return (
    <section aria-labelledby="checks-h" className="border-t border-slate-200 pt-4">
      <h3 id="checks-h" className="text-sm font-semibold text-ink">
        Ready-to-transfer checks
      </h3>
      <ul className="mt-2 space-y-1.5">
        {checks.map((c) => (
          <li key={c.key} className="flex items-start gap-2 text-sm">
            {c.ok ? (
              <CheckCircleIcon size={16} className="mt-0.5 shrink-0 text-emerald-600" />
            ) : (
              <AlertCircleIcon size={16} className="mt-0.5 shrink-0 text-red-600" />
            )}
            <span className="text-ink-soft">
              <span className="sr-only">{c.ok ? "Passed: " : "Failed: "}</span>
              {c.label}
              {c.problem ? <span className="block text-red-700">{c.problem}</span> : null}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Conversation({ version }: { version: Version }) {
  return (
    <section aria-labelledby="comments-h" className="border-t border-slate-200 pt-4">
      <h3 id="comments-h" className="text-sm font-semibold text-ink">
        Decisions and comments on v{version.version}
      </h3>
      {version.decisions.length === 0 && version.comments.length === 0 ? <p className="mt-2 text-sm text-ink-muted">None yet.</p> : null}
      <ul className="mt-2 space-y-3">
        {version.decisions.map((d) => (
          <li key={d.id} className="text-sm">
            <Badge tone={d.decision === "approve" ? "success" : "warning"}>
              {d.decision === "approve" ? "Approved" : "Changes requested"}
            </Badge>{" "}
            <span className="font-medium text-ink">{d.who}</span>{" "}
            <span className="text-ink-muted">
              · {d.stage} · {d.at}
            </span>
            {d.comment ? <p className="mt-1 whitespace-pre-wrap text-ink-soft">{d.comment}</p> : null}
          </li>
        ))}
        {version.comments.map((c) => (
          <li key={c.id} id={`comment-${c.id}`} className="text-sm">
            <p className="flex flex-wrap items-center gap-x-2">
              {c.pin ? <PinTag pin={c.pin} /> : null}
              <span>
                <span className="font-medium text-ink">{c.author}</span> <span className="text-ink-muted">· {c.at}</span>
              </span>
            </p>
            <p className="whitespace-pre-wrap text-ink-soft">{c.body}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
