import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Badge, ButtonLink, Card, EmptyState, PageHeader } from "~/components/ui";
import { listCustomPlatforms } from "~/modules/onboarding/custom-platforms.server";
import { agencyT } from "~/modules/i18n/agency";
import { requirePermission } from "~/modules/workspaces/authz.server";

export const meta: MetaFunction = () => [{ title: agencyT("platforms.metaTitle") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "workspace.settings");
  const rows = await listCustomPlatforms(ctx);
  return json({
    slug: ctx.workspace.slug,
    platforms: rows.map((p) => ({ id: p.id, key: p.key, name: p.name, version: p.currentVersion, archived: Boolean(p.archivedAt) })),
  });
}

export default function CustomPlatformsPage() {
  const { slug, platforms } = useLoaderData<typeof loader>();
  const { t } = useTranslation("agency");
  const base = `/w/${slug}/settings/platforms`;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title={t("common.customPlatforms")}
        breadcrumbs={[{ label: t("common.settings"), to: `/w/${slug}/settings` }]}
        description={t("platforms.description")}
        actions={<ButtonLink to={`${base}/new`}>{t("platforms.newPlatform")}</ButtonLink>}
      />
      {platforms.length === 0 ? (
        <EmptyState title={t("platforms.emptyTitle")} description={t("platforms.emptyBody")} />
      ) : (
        <Card>
          <ul className="-my-2 divide-y divide-slate-100">
            {platforms.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div className="min-w-0">
                  <Link to={`${base}/${p.id}`} className="font-medium text-ink underline-offset-2 hover:underline">
                    {p.name}
                  </Link>
                  <p className="text-sm text-ink-muted">
                    <span className="font-mono">{p.key}</span> · {t("platforms.version", { version: p.version })}
                  </p>
                </div>
                {p.archived ? (
                  <Badge tone="neutral">{t("platforms.archived")}</Badge>
                ) : (
                  <Badge tone="success">{t("platforms.inUse")}</Badge>
                )}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
