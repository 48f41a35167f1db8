import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EvidencePack } from "~/components/evidence/evidence-pack";
import { EmptyState, PageHeader } from "~/components/ui";
import { evidenceOf, NOT_SEALED } from "~/modules/approvals/evidence/view.server";
import { requireMember } from "~/modules/workspaces/authz.server";
import { throwUnlessOk } from "~/utils/action-data.server";
import { isId } from "~/utils/ids";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Evidence · ${data.title} · Baton` : "Evidence · Baton" }];

/** The printable evidence pack of one deliverable (issue 18, decision 057). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMember(request, params.workspace);
  if (!isId(params.deliverableId)) throw json({ message: "That is not a deliverable id." }, { status: 400 });
  const { deliverable, ledger } = throwUnlessOk(await evidenceOf(ctx, params.deliverableId));
  const base = `/w/${ctx.workspace.slug}/deliverables/${deliverable.id}`;
  return json({ base, zone: ctx.user.timeZone || "UTC", title: deliverable.title, ledger, notYet: NOT_SEALED });
}

export default function EvidencePage() {
  const { base, zone, title, ledger, notYet } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <PageHeader
        title={`Evidence: ${title}`}
        breadcrumbs={[{ label: title, to: base }]}
        description="What was approved, by whom, when and from where; each part hashed and recorded in the audit trail when it happened."
      />
      {ledger ? (
        <EvidencePack ledger={ledger} zone={zone} downloadHref={`${base}/evidence.json`} />
      ) : (
        // Nothing sealed yet is a state of the deliverable, not an error: the page says when there will be.
        <EmptyState title="No evidence pack yet" description={notYet} />
      )}
    </div>
  );
}
