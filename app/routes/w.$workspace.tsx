import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { AppShell } from "~/components/shell/app-shell";
import { GeneralErrorBoundary } from "~/components/shell/error-boundary";
import { requireMember } from "~/modules/workspaces/authz.server";
import { navFor } from "~/modules/workspaces/navigation";
import { ROLE_LABELS } from "~/modules/workspaces/permissions";
import { accentStyle } from "~/modules/workspaces/branding";
import { workspacesOf } from "~/modules/workspaces/workspaces.server";
import { unreadCount } from "~/modules/notifications/inbox.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.workspace.name} · Baton` : "Baton" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMember(request, params.workspace);
  const [all, unread] = await Promise.all([workspacesOf(ctx.user.id), unreadCount(ctx.user.id, ctx.workspace.id)]);
  return json({
    workspace: {
      slug: ctx.workspace.slug,
      name: ctx.workspace.name,
      logoUrl: ctx.workspace.logoUrl,
      accentColor: ctx.workspace.accentColor,
    },
    workspaces: all.map((w) => ({ slug: w.slug, name: w.name })),
    user: { name: ctx.user.name, email: ctx.user.email },
    roleLabel: ROLE_LABELS[ctx.role],
    nav: navFor(ctx.can),
    unread,
  });
}

export default function WorkspaceLayout() {
  const data = useLoaderData<typeof loader>();
  return (
    <div style={accentStyle(data.workspace.accentColor)} className="min-h-full">
      <AppShell {...data}>
        <Outlet />
      </AppShell>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
