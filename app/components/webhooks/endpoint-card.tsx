import { Form } from "@remix-run/react";
import { Badge, Button, Table, TBody, TD, TH, THead, TR, type Tone } from "~/components/ui";
import { DELIVERY_LOG_SIZE } from "~/modules/webhooks/events";

/** One endpoint as the webhooks page shows it: times already formatted in the reader's zone. */
export interface EndpointView {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  maskedSecret: string;
  createdAt: string;
  disabledAt: string | null;
  deliveries: Array<{
    id: string;
    eventType: string;
    attempt: number;
    statusCode: number | null;
    error: string | null;
    durationMs: number | null;
    /** ISO instant, for <time dateTime>. */
    at: string;
    when: string;
  }>;
}
function statusTone(code: number | null): Tone {
  if (code === null) return "danger";
  if (code >= 200 && code < 300) return "success";
  if (code >= 500) return "danger";
  return "warning";
}

function DeliveryLog({ endpoint }: { endpoint: EndpointView }) {
  if (endpoint.deliveries.length === 0) {
    return <p className="text-sm text-ink-muted">No deliveries yet. Attempts appear here as soon as a subscribed event happens.</p>;
  }
  return (
    <details className="group rounded-lg ring-1 ring-slate-200">
      <summary className="cursor-pointer list-none px-4 py-3 text-sm font-medium text-ink hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent [&::-webkit-details-marker]:hidden">
        <span className="mr-2 inline-block transition-transform group-open:rotate-90" aria-hidden="true">
          ›
        </span>
        Delivery log{" "}
        <span className="font-normal text-ink-muted">
          ({endpoint.deliveries.length === 1 ? "1 attempt" : `last ${Math.min(endpoint.deliveries.length, DELIVERY_LOG_SIZE)} attempts`})
        </span>
      </summary>
      <div className="border-t border-slate-200">
        <Table caption={`Delivery attempts to ${endpoint.url}, newest first`}>
          <THead>
            <TR>
              <TH>Time</TH>
              <TH>Event</TH>
              <TH>Attempt</TH>
              <TH>Status</TH>
              <TH>Error</TH>
            </TR>
          </THead>
          <TBody>
            {endpoint.deliveries.map((d) => (
              <TR key={d.id}>
                <TD className="whitespace-nowrap">
                  <time dateTime={d.at}>{d.when}</time>
                </TD>
                <TD className="whitespace-nowrap font-mono text-xs">{d.eventType}</TD>
                <TD className="tabular-nums">{d.attempt}</TD>
                <TD>
                  <Badge tone={statusTone(d.statusCode)}>{d.statusCode ?? "No response"}</Badge>
                  {d.durationMs !== null ? <span className="ml-2 text-xs text-ink-muted">{d.durationMs} ms</span> : null}
                </TD>
                <TD className="min-w-[12rem] max-w-sm break-words text-xs">{d.error ? d.error.slice(0, 300) : "—"}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </div>
    </details>
  );
}

/** An endpoint: its state, secret hint, subscribed events, a button to disable it, and its delivery log. */
export function EndpointCard({ endpoint, busy }: { endpoint: EndpointView; busy: boolean }) {
  const disabled = Boolean(endpoint.disabledAt);
  return (
    <li className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-col gap-3 border-b border-slate-200 px-4 py-4 sm:flex-row sm:items-start sm:justify-between sm:px-6">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            {disabled ? (
              <Badge tone="neutral">Disabled</Badge>
            ) : (
              <Badge tone="success" dot>
                Active
              </Badge>
            )}
            <h3 className="break-all font-mono text-sm font-semibold text-ink">{endpoint.url}</h3>
          </div>
          {endpoint.description ? <p className="mt-1 break-words text-sm text-ink-soft">{endpoint.description}</p> : null}
          <p className="mt-1 text-xs text-ink-muted">
            Secret <span className="font-mono">{endpoint.maskedSecret}</span> · added {endpoint.createdAt}
            {endpoint.disabledAt ? ` · disabled ${endpoint.disabledAt}` : ""}
          </p>
        </div>
        {!disabled ? (
          <Form method="post" className="shrink-0">
            <input type="hidden" name="intent" value="disable" />
            <input type="hidden" name="id" value={endpoint.id} />
            <Button type="submit" size="sm" variant="secondary" disabled={busy}>
              Disable<span className="sr-only"> {endpoint.url}</span>
            </Button>
          </Form>
        ) : null}
      </div>
      <div className="space-y-4 px-4 py-4 sm:px-6">
        <div>
          <p className="text-xs font-semibold uppercase tracking-wide text-ink-muted">Events</p>
          <ul className="mt-2 flex flex-wrap gap-1.5" aria-label="Subscribed events">
            {endpoint.eventTypes.map((t) => (
              <li key={t}>
                <Badge tone="info" className="font-mono">
                  {t}
                </Badge>
              </li>
            ))}
          </ul>
        </div>
        <DeliveryLog endpoint={endpoint} />
      </div>
    </li>
  );
}
