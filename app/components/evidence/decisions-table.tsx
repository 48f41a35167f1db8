import { Badge, Card, Table, TBody, TD, TH, THead, TR } from "~/components/ui";
import type { PackDecision } from "~/modules/approvals/evidence/pack";
import { CHANNEL_WORDS } from "./labels";

/** Every decision on every version: who, what, when, from which address and through which door. */
export function DecisionsTable({ decisions, at }: { decisions: PackDecision[]; at: (iso: string) => string }) {
  return (
    <Card title="Decisions" description="Every decision on every version, oldest first." flush>
      {decisions.length === 0 ? (
        <p className="px-4 py-5 text-sm text-ink-muted sm:px-6">No decision was given.</p>
      ) : (
        <>
          {/* A phone gets each decision as a block; wider screens (and print) the table. */}
          <ol className="divide-y divide-slate-200 sm:hidden print:hidden" aria-label="Decisions">
            {decisions.map((d) => (
              <li key={`${d.at}-${d.by.email}-${d.stage}`} className="space-y-1 px-4 py-4 text-sm">
                <p>
                  <Badge tone={d.decision === "approve" ? "success" : "warning"}>
                    {d.decision === "approve" ? "Approved" : "Changes requested"}
                  </Badge>{" "}
                  <span className="font-medium text-ink">{d.by.name}</span>
                  {d.onBehalfOf ? <span className="text-ink-muted"> for {d.onBehalfOf}</span> : null}
                </p>
                <p className="break-all text-xs text-ink-muted">{d.by.email}</p>
                <p className="text-ink-soft">
                  {at(d.at)} · v{d.version} · {d.stage}
                </p>
                <p className="text-ink-soft">
                  {CHANNEL_WORDS[d.channel]} · <span className="font-mono text-xs">{d.ip ?? "IP not recorded"}</span>
                </p>
                {d.comment ? <p className="whitespace-pre-wrap text-ink-soft">{d.comment}</p> : null}
              </li>
            ))}
          </ol>
          <Table caption="Decisions" wrapperClassName="hidden sm:block print:block">
            <THead>
              <TR>
                <TH>When</TH>
                <TH>Who</TH>
                <TH>Decision</TH>
                <TH>Version · stage</TH>
                <TH>Channel · IP</TH>
              </TR>
            </THead>
            <TBody>
              {decisions.map((d) => (
                <TR key={`${d.at}-${d.by.email}-${d.stage}`}>
                  <TD className="whitespace-nowrap">{at(d.at)}</TD>
                  <TD>
                    <span className="font-medium text-ink">{d.by.name}</span>
                    <span className="block break-all text-xs text-ink-muted">{d.by.email}</span>
                    {d.onBehalfOf ? <span className="block text-xs text-ink-muted">for {d.onBehalfOf}</span> : null}
                  </TD>
                  <TD>
                    <Badge tone={d.decision === "approve" ? "success" : "warning"}>
                      {d.decision === "approve" ? "Approved" : "Changes requested"}
                    </Badge>
                    {d.comment ? <p className="mt-1 whitespace-pre-wrap text-ink-soft">{d.comment}</p> : null}
                  </TD>
                  <TD>
                    v{d.version} · {d.stage}
                  </TD>
                  <TD>
                    {CHANNEL_WORDS[d.channel]}
                    <span className="block font-mono text-xs text-ink-muted">{d.ip ?? "IP not recorded"}</span>
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </>
      )}
    </Card>
  );
}
