import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Badge, ButtonLink, Card, EmptyState, PageHeader } from "~/components/ui";
import { listCustomPlatforms } from "~/modules/onboarding/custom-platforms.server";
import { requirePermission } from "~/modules/workspaces/authz.server";

export const meta: MetaFunction = () => [{ title: "Custom platforms · Baton" }];

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
  const base = `/w/${slug}/settings/platforms`;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title="Custom platforms"
        breadcrumbs={[{ label: "Settings", to: `/w/${slug}/settings` }]}
        description="Platforms Baton does not know yet: your steps, your account to share, the ID you need back. They appear in presets and new links beside the built-in ones; you verify them by hand."
        actions={<ButtonLink to={`${base}/new`}>New platform</ButtonLink>}
      />
      {platforms.length === 0 ? (
        <EmptyState
          title="No custom platforms yet"
          description="Add one to ask clients for access to a platform that is not in Baton's list."
        />
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
                    <span className="font-mono">{p.key}</span> · version {p.version}
                  </p>
                </div>
                {p.archived ? <Badge tone="neutral">Archived</Badge> : <Badge tone="success">In use</Badge>}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
