import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { ChevronLeftIcon, ChevronRightIcon, FileIcon, ShieldIcon } from "~/components/icons";
import {
  Alert,
  Badge,
  Button,
  Card,
  EmptyState,
  PageHeader,
  SelectField,
  Table,
  TBody,
  TD,
  TH,
  THead,
  TR,
  TextField,
  buttonClasses,
  type Tone,
} from "~/components/ui";
import {
  AUDIT_ACTION_PREFIXES,
  AUDIT_PAGE_SIZE,
  auditFilterParams,
  auditObjectTypes,
  formatInZone,
  listAuditEvents,
  parseAuditQuery,
} from "~/modules/audit/audit-query.server";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { formatCount } from "~/utils/numbers";

export const meta: MetaFunction = () => [{ title: "Audit trail · Baton" }];

function detailsOf(data: Record<string, unknown>): string {
  return Object.entries(data)
    .slice(0, 6)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" · ")
    .slice(0, 300);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "audit.view");
  const url = new URL(request.url);
  const query = parseAuditQuery(url.searchParams);
  const tz = ctx.user.timeZone;
  const [{ rows, total }, objectTypes] = await Promise.all([
    listAuditEvents(ctx.workspace.id, query, tz),
    auditObjectTypes(ctx.workspace.id),
  ]);
  const filterParams = auditFilterParams(query.filter);
  if (query.size !== AUDIT_PAGE_SIZE) filterParams.set("size", String(query.size));
  return json({
    slug: ctx.workspace.slug,
    timeZone: tz,
    filter: query.filter,
    filterQuery: filterParams.toString(),
    csvQuery: auditFilterParams(query.filter).toString(),
    page: query.page,
    size: query.size,
    total,
    ignored: query.ignored,
    actionOptions: Object.entries(AUDIT_ACTION_PREFIXES).map(([value, label]) => ({ value, label })),
    objectTypes: [...new Set([...objectTypes, ...(query.filter.object ? [query.filter.object] : [])])],
    events: rows.map((r) => ({
      id: r.id,
      at: r.createdAt.toISOString(),
      when: formatInZone(r.createdAt, tz),
      actor: r.actorLabel,
      action: r.action,
      objectType: r.objectType,
      objectId: r.objectId,
      details: detailsOf(r.data ?? {}),
      ip: r.ip,
    })),
  });
}

const PREFIX_TONES: Record<string, Tone> = {
  auth: "neutral",
  workspace: "accent",
  member: "info",
  webhook: "accent",
  access: "success",
  draft: "warning",
  deliverable: "warning",
  conflict: "danger",
};

function toneOf(action: string): Tone {
  return PREFIX_TONES[action.split(".")[0] ?? ""] ?? "neutral";
}

function pageLink(filterQuery: string, page: number): string {
  const p = new URLSearchParams(filterQuery);
  if (page > 1) p.set("page", String(page));
  const s = p.toString();
  return s ? `?${s}` : "?";
}

export default function AuditPage() {
  const data = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "loading";
  const first = data.total === 0 ? 0 : (data.page - 1) * data.size + 1;
  const last = Math.min(data.total, (data.page - 1) * data.size + data.events.length);
  const lastPage = Math.max(1, Math.ceil(data.total / data.size));
  const hasFilter = data.filterQuery.replace(/(^|&)size=\d+/, "") !== "";
  const csvHref = `/w/${data.slug}/audit.csv${data.csvQuery ? `?${data.csvQuery}` : ""}`;

  return (
    <div className="space-y-6">
      <PageHeader
        title="Audit trail"
        description="Every decision in this workspace, who made it and when. Events are append-only: nobody can change or delete them."
        actions={
          <a href={csvHref} download className={buttonClasses("secondary")}>
            <FileIcon />
            Export CSV
          </a>
        }
      />

      <Card title="Filter events" description={`Dates are in your time zone (${data.timeZone}).`}>
        <Form method="get" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5" aria-label="Filter audit events">
          <SelectField
            label="Action"
            name="action"
            placeholder="All actions"
            defaultValue={data.filter.action ?? ""}
            options={data.actionOptions}
          />
          <TextField
            label="Actor email contains"
            name="actor"
            type="search"
            defaultValue={data.filter.actor ?? ""}
            maxLength={200}
            placeholder="e.g. northwind.test"
          />
          <SelectField
            label="Object type"
            name="object"
            placeholder="All object types"
            defaultValue={data.filter.object ?? ""}
            options={data.objectTypes.map((t) => ({ value: t, label: t.replace(/_/g, " ") }))}
          />
          <TextField label="From" name="from" type="date" defaultValue={data.filter.from ?? ""} />
          <TextField label="To" name="to" type="date" defaultValue={data.filter.to ?? ""} />
          <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-5">
            <Button type="submit" disabled={busy}>
              Apply filters
            </Button>
            {hasFilter ? (
              <Link to="." className="text-sm font-medium text-accent hover:underline">
                Clear filters
              </Link>
            ) : null}
          </div>
        </Form>
      </Card>

      {data.ignored.length > 0 ? (
        <Alert tone="warning" title="Some filters were ignored">
          <ul className="list-disc space-y-0.5 pl-5">
            {data.ignored.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </Alert>
      ) : null}

      <Card
        flush
        title="Events"
        description={
          data.total === 0
            ? "No events match."
            : data.events.length === 0
              ? `${formatCount(data.total)} events match.`
              : `Showing ${first}–${last} of ${formatCount(data.total)}, newest first.`
        }
      >
        {data.events.length === 0 && data.total > 0 ? (
          <div className="p-4 sm:p-6">
            <EmptyState
              icon={<ShieldIcon />}
              title="This page is past the last event"
              description={`There ${lastPage === 1 ? "is 1 page" : `are ${lastPage} pages`} of events for these filters.`}
              action={
                <Link to={pageLink(data.filterQuery, 1)} className={buttonClasses("secondary", "sm")}>
                  Go to the newest events
                </Link>
              }
            />
          </div>
        ) : data.events.length === 0 ? (
          <div className="p-4 sm:p-6">
            <EmptyState
              icon={<ShieldIcon />}
              title={hasFilter ? "No events match these filters" : "No events yet"}
              description={
                hasFilter
                  ? "Try a wider date range or clear the filters."
                  : "Sign-ins, invitations, approvals and setting changes will be listed here as they happen."
              }
              action={
                hasFilter ? (
                  <Link to="." className={buttonClasses("secondary", "sm")}>
                    Clear filters
                  </Link>
                ) : undefined
              }
            />
          </div>
        ) : (
          <>
            {/* Phones: one card per event. */}
            <ul className="divide-y divide-slate-200 sm:hidden">
              {data.events.map((e) => (
                <li key={e.id} className="space-y-1.5 px-4 py-3 text-sm">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <Badge tone={toneOf(e.action)}>{e.action}</Badge>
                    <time dateTime={e.at} className="text-xs text-ink-muted">
                      {e.when.day}, {e.when.time}
                    </time>
                  </div>
                  <p className="break-words font-medium text-ink">{e.actor}</p>
                  <p className="break-all text-ink-soft">
                    {e.objectType.replace(/_/g, " ")} <span className="font-mono text-xs text-ink-muted">{e.objectId}</span>
                  </p>
                  {e.details ? <p className="break-words text-xs text-ink-muted">{e.details}</p> : null}
                </li>
              ))}
            </ul>
            {/* Wider screens: a table. */}
            <div className="hidden sm:block">
              <Table caption="Audit events, newest first">
                <THead>
                  <TR>
                    <TH>Time</TH>
                    <TH>Actor</TH>
                    <TH>Action</TH>
                    <TH>Object</TH>
                    <TH>Details</TH>
                  </TR>
                </THead>
                <TBody>
                  {data.events.map((e) => (
                    <TR key={e.id}>
                      <TD className="whitespace-nowrap">
                        <time dateTime={e.at}>
                          {e.when.day}
                          <span className="block text-xs text-ink-muted">{e.when.time}</span>
                        </time>
                      </TD>
                      <TD className="max-w-[13rem] break-words font-medium text-ink">
                        {e.actor}
                        {e.ip ? <span className="block text-xs font-normal text-ink-muted">{e.ip}</span> : null}
                      </TD>
                      <TD>
                        <Badge tone={toneOf(e.action)}>{e.action}</Badge>
                      </TD>
                      <TD className="max-w-[9rem]">
                        <span className="block">{e.objectType.replace(/_/g, " ")}</span>
                        <span className="block truncate font-mono text-xs text-ink-muted" title={e.objectId}>
                          {e.objectId}
                        </span>
                      </TD>
                      <TD className="min-w-[14rem] max-w-md break-words text-xs text-ink-muted">{e.details || "—"}</TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            </div>
          </>
        )}
        {data.events.length > 0 && (data.total > data.size || data.page > 1) ? (
          <nav aria-label="Pages" className="flex items-center justify-between gap-3 border-t border-slate-200 px-4 py-3 text-sm sm:px-6">
            {data.page > 1 ? (
              <Link
                to={pageLink(data.filterQuery, Math.min(data.page - 1, lastPage))}
                className={buttonClasses("secondary", "sm")}
                rel="prev"
              >
                <ChevronLeftIcon />
                Newer
              </Link>
            ) : (
              <span />
            )}
            <span className="text-ink-muted">
              Page {data.page} of {lastPage}
            </span>
            {data.page < lastPage ? (
              <Link to={pageLink(data.filterQuery, data.page + 1)} className={buttonClasses("secondary", "sm")} rel="next">
                Older
                <ChevronRightIcon />
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </Card>
    </div>
  );
}
