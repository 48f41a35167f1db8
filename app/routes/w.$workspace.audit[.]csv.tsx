import type { LoaderFunctionArgs } from "@remix-run/node";
import { AUDIT_CSV_HEADER, auditCsvRow, auditEventBatches, parseAuditQuery } from "~/modules/audit/audit-query.server";
import { csvLine } from "~/utils/csv";
import { requirePermission } from "~/modules/workspaces/authz.server";

/** The audit trail as CSV, with the same filters as the page; streamed so a long trail stays cheap. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "audit.view");
  const { filter } = parseAuditQuery(new URL(request.url).searchParams);
  const batches = auditEventBatches(ctx.workspace.id, filter, ctx.user.timeZone);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvLine(AUDIT_CSV_HEADER)));
    },
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(next.value.map(auditCsvRow).join("")));
      } catch (error) {
        console.error("audit csv export failed:", error);
        controller.error(error);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  const name = `audit-${ctx.workspace.slug.replace(/[^a-z0-9-]/g, "")}-${day}.csv`;
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
