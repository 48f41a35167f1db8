import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Alert, Badge, Button, Card, PageHeader } from "~/components/ui";
import { CustomPlatformForm } from "~/components/onboarding/custom-platform-form";
import { definitionFormSchema, formValuesOf } from "~/modules/onboarding/custom-platforms";
import {
  getCustomPlatform,
  setCustomPlatformArchived,
  updateCustomPlatform,
  versionsOf,
} from "~/modules/onboarding/custom-platforms.server";
import { typedDefinition } from "~/modules/onboarding/custom-platform-form.server";
import { agencyT } from "~/modules/i18n/agency";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { answer, problemAnswer } from "~/utils/action-data.server";
import { notFound, parseWith, readForm } from "~/utils/http.server";
import { isId } from "~/utils/ids";
import { invalid } from "~/utils/outcome";
import { formatIn } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: agencyT("platforms.editMetaTitle", { name: data?.platform.name ?? agencyT("platforms.metaFallback") }) },
];

const SAVE = "save";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "workspace.settings");
  const found = isId(params.platformId) ? await getCustomPlatform(ctx, params.platformId) : null;
  if (!found) notFound(agencyT("platforms.notFound"));
  const versions = await versionsOf(ctx, found.platform.id);
  return json({
    slug: ctx.workspace.slug,
    saved: new URL(request.url).searchParams.get("saved") === "1",
    platform: {
      id: found.platform.id,
      key: found.platform.key,
      name: found.platform.name,
      version: found.platform.currentVersion,
      archived: Boolean(found.platform.archivedAt),
    },
    values: formValuesOf(found.definition),
    versions: versions.map((v) => ({ version: v.version, savedAt: formatIn(v.createdAt, ctx.workspace.timeZone, "d MMM yyyy, HH:mm") })),
  });
}

const intentSchema = z.object({
  intent: z.enum(["save", "archive", "restore"], { errorMap: () => ({ message: agencyT("common.unknownAction") }) }),
});
const seenSchema = z.object({
  version: z.coerce.number({ invalid_type_error: "Reload the page and try again." }).int().min(1).max(1_000_000),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "workspace.settings");
  if (!isId(params.platformId)) notFound(agencyT("platforms.notFound"));
  const id = params.platformId;
  const form = await readForm(request);
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return problemAnswer(invalid(which.errors.intent?.[0], which.errors).problem);
  const intent = which.data.intent;
  if (intent !== SAVE) {
    const r = await setCustomPlatformArchived(ctx, { id, archived: intent === "archive" });
    return answer(r, {
      intent,
      notice: agencyT(intent === "archive" ? "platforms.archivedNotice" : "platforms.restoredNotice"),
    });
  }
  const values = typedDefinition(form);
  const seen = parseWith(seenSchema, { version: form.get("version") ?? undefined });
  const parsed = parseWith(definitionFormSchema, form);
  if (!seen.success || !parsed.success) {
    const errors = { ...(seen.success ? {} : seen.errors), ...(parsed.success ? {} : parsed.errors) };
    return problemAnswer(invalid(seen.success ? undefined : seen.errors.version?.[0], errors).problem, { intent: SAVE, values });
  }
  const r = await updateCustomPlatform(ctx, { id, seenVersion: seen.data.version, form: parsed.data });
  if (!r.ok) return problemAnswer(r.problem, { intent: SAVE, values });
  return answer(r, { intent: SAVE, notice: agencyT("platforms.savedNotice", { version: r.value.version }) });
}

export default function EditCustomPlatform() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const nav = useNavigation();
  const { t } = useTranslation("agency");
  const base = `/w/${data.slug}/settings/platforms`;
  const notice = result?.ok ? result.notice : data.saved ? t("platforms.createdNotice") : null;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title={data.platform.name}
        breadcrumbs={[
          { label: t("common.settings"), to: `/w/${data.slug}/settings` },
          { label: t("common.customPlatforms"), to: base },
        ]}
        description={t("platforms.editDescription", { key: data.platform.key })}
        actions={
          data.platform.archived ? (
            <Badge tone="neutral">{t("platforms.archived")}</Badge>
          ) : (
            <Badge tone="success">{t("platforms.versionBadge", { version: data.platform.version })}</Badge>
          )
        }
      />
      {notice ? (
        <Alert tone="success" role="status">
          {notice}
        </Alert>
      ) : null}
      {result && !result.ok && result.intent !== SAVE ? <Alert tone="danger">{result.formError}</Alert> : null}
      <CustomPlatformForm
        // A new version starts the form over from what was saved.
        key={data.platform.version}
        intent={SAVE}
        answer={result}
        defaultValue={data.values}
        hidden={<input type="hidden" name="version" value={data.platform.version} />}
        submitLabel={t("platforms.saveAs", { version: data.platform.version + 1 })}
      />
      <Card title={t("platforms.versionsTitle")} description={t("platforms.versionsBody")}>
        <ol className="space-y-1 text-sm text-ink-soft">
          {data.versions.map((v) => (
            <li key={v.version}>
              {t(v.version === data.platform.version ? "platforms.versionCurrent" : "platforms.versionSaved", {
                version: v.version,
                when: v.savedAt,
              })}
            </li>
          ))}
        </ol>
      </Card>
      <Card
        title={data.platform.archived ? t("platforms.restoreTitle") : t("platforms.archiveTitle")}
        description={data.platform.archived ? t("platforms.restoreBody") : t("platforms.archiveBody")}
      >
        <Form method="post">
          <input type="hidden" name="intent" value={data.platform.archived ? "restore" : "archive"} />
          <Button type="submit" variant="secondary" disabled={nav.state === "submitting"}>
            {data.platform.archived ? t("platforms.restoreButton") : t("platforms.archiveButton")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
