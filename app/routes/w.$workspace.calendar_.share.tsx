import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ShareLinksPanel, type ShareAnswer } from "~/components/calendar/share-links";
import { PageHeader } from "~/components/ui";
import { createShareSchema, revokeShareSchema } from "~/modules/calendar/context-schemas";
import { viewerZone } from "~/modules/calendar/page.server";
import { SHARE_DEFAULT_DAYS, SHARE_MAX_DAYS } from "~/modules/calendar/share-links";
import { createShareLink, listShareLinks, revokeShareLink, shareableBrands } from "~/modules/calendar/share-links.server";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { answer, successData, typedValues } from "~/utils/action-data.server";
import { parseWith, readForm } from "~/utils/http.server";
import { invalid } from "~/utils/outcome";

// Read-only share links of a brand's calendar (issue 21, decision 067): the team's for any brand, a
// brand lead's for their own. The link's address is shown once, right after it is made.

export const meta: MetaFunction = () => [{ title: "Share the calendar · Baton" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "calendar.share");
  const [links, brands] = await Promise.all([listShareLinks(ctx, viewerZone(ctx)), shareableBrands(ctx)]);
  return json({ slug: ctx.workspace.slug, links, brands, defaultDays: SHARE_DEFAULT_DAYS, maxDays: SHARE_MAX_DAYS });
}

const INTENTS = ["create", "revoke"] as const;
const intentSchema = z.object({ intent: z.enum(INTENTS, { errorMap: () => ({ message: "Unknown action." }) }) });

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "calendar.share");
  const form = await readForm(request);
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return answer(invalid("Unknown action.", which.errors));
  if (which.data.intent === "create") {
    const parsed = parseWith(createShareSchema, form);
    if (!parsed.success)
      return answer(invalid(undefined, parsed.errors), { intent: "create", values: typedValues(form, ["label", "days", "brandId"]) });
    const created = await createShareLink(ctx, parsed.data);
    if (!created.ok) return answer(created, { intent: "create", values: typedValues(form, ["label", "days", "brandId"]) });
    // The one place the secret address is ever shown: it rides along with the one action-data shape.
    return json({
      ...successData("Share link made. Copy it now: it is not shown again.", { intent: "create" }),
      shareUrl: created.value.url,
    });
  }
  const parsed = parseWith(revokeShareSchema, form);
  if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent: "revoke" });
  return answer(await revokeShareLink(ctx, parsed.data.linkId), {
    intent: "revoke",
    target: parsed.data.linkId,
    notice: ({ revoked }) => (revoked ? "Link revoked. It now answers that it was turned off." : "That link was already revoked."),
  });
}

export default function CalendarSharePage() {
  const data = useLoaderData<typeof loader>();
  const answered = useActionData<typeof action>() as ShareAnswer | undefined;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Share a brand's calendar"
        description="A read-only link to one brand's calendar for client contacts without an account. It shows only that brand, expires, and can be revoked at any time."
        breadcrumbs={[{ label: "Calendar", to: `/w/${data.slug}/calendar` }]}
      />
      <ShareLinksPanel data={data} answer={answered} />
    </div>
  );
}
