import { Alert, Badge, Button, Card, Table, TBody, TD, TH, THead, TR } from "~/components/ui";
import { formatBytes } from "~/components/upload/file-upload";
import type { EventEntry, SealedPack } from "~/modules/approvals/evidence/pack";
import type { Ledger } from "~/modules/approvals/evidence/view.server";
import { formatIn } from "~/utils/time";
import { channelLabel, isChannel } from "~/modules/channels/channels";
import { DecisionsTable } from "./decisions-table";
import { eventAlone } from "~/modules/approvals/event-words";
import { TIME_FORMAT } from "./labels";

const PROBLEM_WORDS = {
  hash_mismatch: "its content no longer hashes to the recorded value",
  broken_link: "it does not name the entry before it",
  not_recorded: "the audit trail has no record of its hash",
} as const;

/** The printable pack: whether it is intact, what was approved, every decision, and the ledger of hashes. */
export function EvidencePack({ ledger, zone, downloadHref }: { ledger: Ledger; zone: string; downloadHref: string }) {
  const { pack, entries, problems } = ledger;
  const at = (iso: string) => formatIn(iso, zone, TIME_FORMAT);
  return (
    <div className="space-y-6">
      {problems.length === 0 ? (
        <Alert tone="success" title="Intact">
          Every entry below hashes to the SHA-256 the audit trail recorded when it was written ({entries.length}{" "}
          {entries.length === 1 ? "entry" : "entries"}).
        </Alert>
      ) : (
        <Alert tone="danger" title="This pack does not match what was recorded" role="alert">
          <ul className="list-disc pl-5">
            {problems.map((p) => (
              <li key={p.seq}>
                Entry {p.seq + 1}: {PROBLEM_WORDS[p.problem]}.
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <div className="flex flex-wrap gap-2 print:hidden">
        <a
          href={downloadHref}
          download
          className="inline-flex items-center rounded-md bg-accent px-3 py-2 text-sm font-semibold text-[rgb(var(--accent-fg))] shadow-sm hover:opacity-90"
        >
          Download JSON
        </a>
        <Button type="button" variant="secondary" onClick={() => window.print()}>
          Print
        </Button>
      </div>

      <Card
        title="Deliverable"
        description={`Sealed at ${pack.kind === "signoff" ? "the brand sign-off" : "an override"}, ${at(pack.sealedAt)}.`}
      >
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
          <Fact term="Title">{pack.deliverable.title}</Fact>
          <Fact term="Brand · campaign">
            {pack.deliverable.brand} · {pack.deliverable.campaign}
          </Fact>
          <Fact term="Channel">
            {isChannel(pack.deliverable.channel) ? channelLabel(pack.deliverable.channel) : pack.deliverable.channel}
          </Fact>
          <Fact term="Creator">{pack.deliverable.creator ?? "None assigned"}</Fact>
          <Fact term="Publish time">{at(pack.deliverable.publishAt)}</Fact>
          <Fact term="Sign-off deadline">{at(pack.deliverable.signOffDeadline)}</Fact>
        </dl>
      </Card>

      <ApprovedVersion version={pack.approvedVersion} at={at} />

      {pack.checks.length > 0 ? (
        <Card title="Ready-to-transfer checks" description="Run on the approved version against the brief and the channel.">
          <ul className="space-y-1.5 text-sm">
            {pack.checks.map((c) => (
              <li key={c.label}>
                <Badge tone={c.ok ? "success" : "danger"}>{c.ok ? "Passed" : "Failed"}</Badge> <span className="text-ink">{c.label}</span>
                {c.problem ? <span className="block text-red-700">{c.problem}</span> : null}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <DecisionsTable decisions={pack.decisions} at={at} />

      {pack.overrides.length > 0 ? (
        <Card title="Overrides">
          <ul className="space-y-2 text-sm">
            {pack.overrides.map((o) => (
              <li key={o.at}>
                <span className="font-medium text-ink">{o.by}</span>{" "}
                <span className="text-ink-muted">
                  · {at(o.at)} · IP {o.ip ?? "not recorded"}
                </span>
                <p className="whitespace-pre-wrap text-ink-soft">Reason: {o.reason}</p>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <Card
        title="Ledger"
        description="Each entry's SHA-256, over its RFC 8785 canonical JSON; the JSON download holds each entry's content."
        flush
      >
        <ol className="divide-y divide-slate-200 sm:hidden print:hidden" aria-label="Ledger entries and their hashes">
          {entries.map((e) => (
            <li key={e.seq} className="space-y-1 px-4 py-4 text-sm">
              <p className="font-medium text-ink">
                {e.seq + 1}. {describe(e.body)}
              </p>
              <p className="text-ink-soft">{e.recordedAt ? `Recorded ${at(e.recordedAt)}` : "Not recorded"}</p>
              <p className="break-all font-mono text-xs text-ink-muted">{e.sha256}</p>
            </li>
          ))}
        </ol>
        <Table caption="Ledger entries and their hashes" wrapperClassName="hidden sm:block print:block">
          <THead>
            <TR>
              <TH>#</TH>
              <TH>What</TH>
              <TH>Recorded</TH>
              <TH>SHA-256</TH>
            </TR>
          </THead>
          <TBody>
            {entries.map((e) => (
              <TR key={e.seq}>
                <TD>{e.seq + 1}</TD>
                <TD>{describe(e.body)}</TD>
                <TD className="whitespace-nowrap">{e.recordedAt ? at(e.recordedAt) : "Not recorded"}</TD>
                <TD className="break-all font-mono text-xs">{e.sha256}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </Card>
    </div>
  );
}

function describe(body: SealedPack | EventEntry): string {
  if (body.format === "baton.evidence-pack/1")
    return body.kind === "signoff" ? "Pack sealed at the brand sign-off" : "Pack sealed at an override";
  const who = body.by;
  return `${eventAlone(body.event)}, by ${who}`;
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-semibold uppercase tracking-wide text-ink-muted">{term}</dt>
      <dd className="mt-0.5 break-words text-ink">{children}</dd>
    </div>
  );
}

function ApprovedVersion({ version, at }: { version: SealedPack["approvedVersion"]; at: (iso: string) => string }) {
  if (!version) {
    return (
      <Card title="Approved version">
        <p className="text-sm text-ink-muted">No version had been submitted when this pack was sealed.</p>
      </Card>
    );
  }
  return (
    <Card
      title={`Approved version: v${version.version}`}
      description={`Submitted by ${version.submittedBy ?? "a removed user"}, ${at(version.submittedAt)}.`}
    >
      <div className="space-y-4 text-sm">
        {version.title ? <p className="font-medium text-ink">{version.title}</p> : null}
        <div className="whitespace-pre-wrap break-words rounded-lg bg-slate-50 p-4 leading-6 text-ink ring-1 ring-inset ring-slate-200">
          {version.copy}
        </div>
        {version.link ? (
          <p className="break-all">
            <span className="font-medium text-ink">Link: </span>
            {version.link}
          </p>
        ) : null}
        {version.media.length > 0 ? (
          <Table caption="Media of the approved version with their SHA-256" wrapperClassName="rounded-md ring-1 ring-slate-200">
            <THead>
              <TR>
                <TH>File</TH>
                <TH>Size</TH>
                <TH>SHA-256</TH>
              </TR>
            </THead>
            <TBody>
              {version.media.map((m) => (
                <TR key={m.fileId}>
                  <TD className="break-all">{m.name}</TD>
                  <TD className="whitespace-nowrap">{m.size ? formatBytes(m.size) : "-"}</TD>
                  <TD className="break-all font-mono text-xs">{m.sha256 ?? "Not recorded (uploaded before Baton kept hashes)"}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        ) : null}
      </div>
    </Card>
  );
}
