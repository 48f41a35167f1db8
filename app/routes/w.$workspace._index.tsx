import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { NotificationTitle } from "~/components/notifications/notification-title";
import { Card, EmptyState, PageHeader, Stat } from "~/components/ui";
import { WaitingList } from "~/components/home/waiting-list";
import { requireMember } from "~/modules/workspaces/authz.server";
import { listDirectory } from "~/modules/workspaces/directory.server";
import { ROLE_LABELS } from "~/modules/workspaces/permissions";
import { recentNotifications } from "~/modules/notifications/inbox.server";
import { waitingOn } from "~/modules/home/waiting.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMember(request, params.workspace);
  const [recent, directory, waiting] = await Promise.all([
    recentNotifications(ctx.user.id, ctx.workspace.id, 8),
    ctx.can("directory.manage") ? listDirectory(ctx) : null,
    waitingOn(ctx),
  ]);
  return json({
    firstName: ctx.user.name.split(" ")[0],
    role: ROLE_LABELS[ctx.role],
    slug: ctx.workspace.slug,
    welcome: ctx.workspace.welcomeText,
    recent,
    waiting,
    now: Date.now(),
    timeZone: ctx.user.timeZone || "UTC",
    counts: directory
      ? { brands: directory.brands.length, agencies: directory.agencies.length, creators: directory.creators.length }
      : null,
  });
}

export default function HomePage() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <PageHeader
        title={`Good to see you, ${data.firstName}`}
        description={`You are signed in as ${data.role}. This page collects everything that is waiting on you.`}
      />
      {data.counts ? (
        <div className="grid gap-4 sm:grid-cols-3">
          <Stat label="Brands" value={data.counts.brands} />
          <Stat label="Agencies" value={data.counts.agencies} />
          <Stat label="Creators" value={data.counts.creators} />
        </div>
      ) : null}
      <Card title="Waiting on you" description="Briefs to acknowledge, drafts to review and sign-offs appear here, most urgent first.">
        {data.waiting.length === 0 ? (
          <EmptyState
            title="Nothing is waiting on you"
            description="When someone hands something to you, it shows up here and in your notifications."
          />
        ) : (
          <WaitingList items={data.waiting} now={data.now} timeZone={data.timeZone} />
        )}
      </Card>
      <Card
        title="Recent notifications"
        actions={
          <Link to={`/w/${data.slug}/notifications`} className="text-sm font-medium text-accent hover:underline">
            See all
          </Link>
        }
      >
        {data.recent.length === 0 ? (
          <p className="text-sm text-ink-muted">No notifications yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {data.recent.map((n) => (
              <li key={n.id} className="flex items-start gap-3 py-3">
                <span className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${n.unread ? "bg-accent" : "bg-slate-200"}`} aria-hidden />
                <div className="min-w-0">
                  <p className="text-sm font-medium text-ink">
                    <NotificationTitle title={n.title} url={n.url} />
                  </p>
                  {n.body ? <p className="text-sm text-ink-muted">{n.body}</p> : null}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
