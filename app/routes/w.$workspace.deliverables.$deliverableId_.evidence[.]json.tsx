import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { evidenceOf, HOW_TO_VERIFY, NOT_SEALED } from "~/modules/approvals/evidence/view.server";
import { requireMember } from "~/modules/workspaces/authz.server";
import { problemAnswer, throwUnlessOk } from "~/utils/action-data.server";
import { isId } from "~/utils/ids";
import { conflict } from "~/utils/outcome";

/**
 * The evidence pack as a JSON download (issue 18, decision 057): every ledger entry with the body
 * whose RFC 8785 canonical form hashes to `sha256`, and when the audit trail recorded that hash.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMember(request, params.workspace);
  if (!isId(params.deliverableId)) throw json({ message: "That is not a deliverable id." }, { status: 400 });
  const view = throwUnlessOk(await evidenceOf(ctx, params.deliverableId));
  const ledger = view.ledger;
  if (!ledger) throw problemAnswer(conflict(NOT_SEALED, { code: "not_sealed" }).problem);
  const download = {
    format: "baton.evidence-download/1",
    deliverable: view.deliverable,
    howToVerify: HOW_TO_VERIFY,
    verified: ledger.problems.length === 0,
    entries: ledger.entries.map((e) => ({ seq: e.seq, kind: e.kind, sha256: e.sha256, recordedAt: e.recordedAt, body: e.body })),
  };
  const name = `evidence-${view.deliverable.id}.json`;
  return new Response(JSON.stringify(download, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
