import { Link } from "@remix-run/react";
import { PlusIcon } from "~/components/icons";
import { Badge, ButtonLink, Card, EmptyState, TBody, TD, TH, THead, TR, Table } from "~/components/ui";

/** Who is on the campaign, as the campaign page lists them. */
export interface CampaignPeopleView {
  brand: string;
  lead: string;
  agencies: string[];
  creators: Array<{ name: string; handle: string | null }>;
  coordinator: string | null;
}

export function CampaignPeopleCard({ people, channels }: { people: CampaignPeopleView; channels: string[] }) {
  return (
    <Card title="People">
      <dl className="space-y-4 text-sm">
        <div>
          <dt className="text-ink-muted">Brand</dt>
          <dd className="font-medium text-ink">{people.brand}</dd>
        </div>
        <div>
          <dt className="text-ink-muted">Lead agency</dt>
          <dd className="font-medium text-ink">{people.lead}</dd>
        </div>
        {people.agencies.length > 0 ? (
          <div>
            <dt className="text-ink-muted">Also joining</dt>
            <dd className="text-ink">{people.agencies.join(", ")}</dd>
          </div>
        ) : null}
        <div>
          <dt className="text-ink-muted">Creators</dt>
          <dd className="text-ink">{people.creators.length === 0 ? "None assigned yet" : people.creators.map((c) => c.name).join(", ")}</dd>
        </div>
        <div>
          <dt className="text-ink-muted">Channels</dt>
          <dd className="text-ink">{channels.join(", ")}</dd>
        </div>
        <div>
          <dt className="text-ink-muted">Coordinator</dt>
          <dd className="text-ink">{people.coordinator ?? "Not set"}</dd>
        </div>
      </dl>
    </Card>
  );
}

export interface CampaignDeliverableView {
  id: string;
  title: string;
  /** Already a label ("Instagram"), not the stored key. */
  channel: string;
  creator: string | null;
  /** Already formatted in the reader's time zone. */
  publishAt: string;
  status: string;
}

/** The campaign's deliverables, with the links to add one and to its approval route for those allowed. */
export function CampaignDeliverablesCard({
  slug,
  base,
  deliverables,
  canAddDeliverable,
  canEditRoute,
}: {
  slug: string;
  base: string;
  deliverables: CampaignDeliverableView[];
  canAddDeliverable: boolean;
  canEditRoute: boolean;
}) {
  return (
    <Card
      title="Deliverables"
      flush
      actions={
        canAddDeliverable || canEditRoute ? (
          <div className="flex flex-wrap gap-2">
            {canEditRoute ? (
              <ButtonLink to={`${base}/route`} variant="ghost" size="sm">
                Approval route
              </ButtonLink>
            ) : null}
            {canAddDeliverable ? (
              <ButtonLink to={`${base}/deliverables/new`} variant="secondary" size="sm">
                <PlusIcon /> Add deliverable
              </ButtonLink>
            ) : null}
          </div>
        ) : undefined
      }
    >
      {deliverables.length === 0 ? (
        <div className="p-6">
          <EmptyState
            title="No deliverables yet"
            description={
              canAddDeliverable
                ? "Plan each post: its channel, creator and publish time. Drafts and sign-offs hang off it."
                : "Deliverables appear here once they are planned for this campaign."
            }
          />
        </div>
      ) : (
        <Table caption="Deliverables">
          <THead>
            <TR>
              <TH>Deliverable</TH>
              <TH>Channel</TH>
              <TH>Creator</TH>
              <TH>Publishes</TH>
              <TH>Status</TH>
            </TR>
          </THead>
          <TBody>
            {deliverables.map((d) => (
              <TR key={d.id}>
                <TD>
                  <Link to={`/w/${slug}/deliverables/${d.id}`} className="font-medium text-ink hover:underline">
                    {d.title}
                  </Link>
                </TD>
                <TD>{d.channel}</TD>
                <TD>{d.creator ?? "—"}</TD>
                <TD className="whitespace-nowrap">{d.publishAt}</TD>
                <TD>
                  <Badge>{d.status.replace(/_/g, " ")}</Badge>
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}

export interface CampaignHistoryView {
  id: number;
  actor: string;
  what: string;
  detail: string;
  at: string;
}

export function CampaignHistoryCard({ history }: { history: CampaignHistoryView[] }) {
  return (
    <Card title="History">
      {history.length === 0 ? (
        <p className="text-sm text-ink-muted">Nothing recorded yet.</p>
      ) : (
        <ol className="space-y-3 text-sm">
          {history.map((h) => (
            <li key={h.id} className="flex flex-col sm:flex-row sm:gap-4">
              <span className="w-44 shrink-0 text-ink-muted">{h.at}</span>
              <span className="text-ink">
                <span className="font-medium">{h.actor}</span> {h.what}
                {h.detail ? ` (${h.detail})` : ""}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
