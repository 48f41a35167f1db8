import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/ui";
import { CustomPlatformForm } from "~/components/onboarding/custom-platform-form";
import { IdempotencyKeyField } from "~/components/ui/idempotency-key-field";
import { definitionFormSchema } from "~/modules/onboarding/custom-platforms";
import { createCustomPlatform } from "~/modules/onboarding/custom-platforms.server";
import { typedDefinition } from "~/modules/onboarding/custom-platform-form.server";
import { agencyT } from "~/modules/i18n/agency";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { problemAnswer } from "~/utils/action-data.server";
import { newIdempotencyKey, readIdempotencyKey } from "~/utils/idempotency.server";
import { parseWith, readForm } from "~/utils/http.server";
import { invalid } from "~/utils/outcome";

export const meta: MetaFunction = () => [{ title: agencyT("platforms.newMetaTitle") }];

const CREATE = "create-platform";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "workspace.settings");
  return json({ slug: ctx.workspace.slug, idempotencyKey: newIdempotencyKey() });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "workspace.settings");
  const form = await readForm(request);
  const values = typedDefinition(form);
  const idempotencyKey = readIdempotencyKey(form);
  const parsed = parseWith(definitionFormSchema, form);
  if (!parsed.success) return problemAnswer(invalid(undefined, parsed.errors).problem, { intent: CREATE, values });
  const outcome = await createCustomPlatform(ctx, { idempotencyKey, form: parsed.data });
  if (!outcome.ok) return problemAnswer(outcome.problem, { intent: CREATE, values });
  throw redirect(`/w/${ctx.workspace.slug}/settings/platforms/${outcome.value.id}?saved=1`);
}

export default function NewCustomPlatform() {
  const { slug, idempotencyKey } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("agency");
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title={t("platforms.newTitle")}
        breadcrumbs={[
          { label: t("common.settings"), to: `/w/${slug}/settings` },
          { label: t("common.customPlatforms"), to: `/w/${slug}/settings/platforms` },
        ]}
        description={t("platforms.newDescription")}
      />
      <CustomPlatformForm
        intent={CREATE}
        answer={result}
        defaultValue={{ adminLanguage: "en" }}
        hidden={<IdempotencyKeyField value={idempotencyKey} />}
        submitLabel={t("platforms.create")}
      />
    </div>
  );
}
