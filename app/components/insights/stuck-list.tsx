import { Link, NavLink } from "@remix-run/react";
import { Badge, cx } from "~/components/ui";
import { formatDuration, formatIn, ONE_UNIT } from "~/utils/time";

/** The two views of insights: the figures, and whom to chase today. */
export function InsightsTabs({ slug, stuck, query }: { slug: string; stuck: number | null; query: string }) {
  const tab = ({ isActive }: { isActive: boolean }) =>
    cx(
      "rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent",
      isActive ? "bg-white text-ink shadow-sm" : "text-ink-soft hover:text-ink",
    );
  return (
    <nav aria-label="Insights views" className="inline-flex rounded-lg bg-slate-100 p-1 print:hidden">
      <NavLink to={`/w/${slug}/insights${query}`} end className={tab}>
        Figures
      </NavLink>
      <NavLink to={`/w/${slug}/insights/stuck`} className={tab}>
        Stuck now{stuck !== null ? <span className="ml-1.5 rounded-full bg-slate-200 px-1.5 text-xs text-ink">{stuck}</span> : null}
      </NavLink>
    </nav>
  );
}

export interface StuckItemView {
  id: string;
  kind: string;
  kindLabel: string;
  title: string;
  detail: string;
  url: string;
  since: string;
  waitedMs: number;
  expectedMs: number;
  overdueMs: number;
  dueAt: string | null;
}

export interface StuckGroupView {
  key: string;
  name: string;
  /** person, team, client or nobody: how to read the name. */
  holder: string;
  items: StuckItemView[];
}

const HOLDER_NOTE: Record<string, string> = {
  team: "Anyone of them can settle these",
  client: "Outside the workspace: chase through the link's contact",
  nobody: "Nobody can act until someone is assigned",
  person: "",
};

const wait = (ms: number) => formatDuration(ms, ONE_UNIT);

function Due({ dueAt, now }: { dueAt: string; now: number }) {
  const left = new Date(dueAt).getTime() - now;
  return <Badge tone={left < 0 ? "danger" : "warning"}>{left < 0 ? `deadline passed ${wait(left)} ago` : `due in ${wait(left)}`}</Badge>;
}

/** One holder's stuck handoffs: what, since when, how long against what is expected, and a link to act. */
export function StuckGroupCard({ group, now, timeZone }: { group: StuckGroupView; now: number; timeZone: string }) {
  const headingId = `stuck-${group.key.replace(/[^a-z0-9-]/gi, "-")}`;
  return (
    <section aria-labelledby={headingId} className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200 break-inside-avoid">
      <header className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 px-4 py-3 sm:px-6">
        <div>
          <h2 id={headingId} className="text-base font-semibold text-ink">
            {group.name}
          </h2>
          {HOLDER_NOTE[group.holder] ? <p className="text-sm text-ink-muted">{HOLDER_NOTE[group.holder]}</p> : null}
        </div>
        <p className="text-sm text-ink-muted">
          {group.items.length === 1 ? "1 handoff" : `${group.items.length} handoffs`} · longest {wait(group.items[0].waitedMs)}
        </p>
      </header>
      <ul className="divide-y divide-slate-100">
        {group.items.map((item) => (
          <li key={item.id} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-start sm:justify-between sm:px-6">
            <div className="min-w-0">
              <p className="text-xs font-medium uppercase tracking-wide text-ink-muted">{item.kindLabel}</p>
              <Link to={item.url} className="font-medium text-ink underline-offset-2 hover:underline">
                {item.title}
              </Link>
              <p className="text-sm text-ink-muted">{item.detail}</p>
            </div>
            <div className="flex shrink-0 flex-col items-start gap-1 text-sm sm:items-end">
              <p className="font-medium text-ink">
                Waiting {wait(item.waitedMs)}
                <span className="sr-only">, since {formatIn(item.since, timeZone, "d LLL, HH:mm")}</span>
              </p>
              <p className="text-ink-muted">
                {item.expectedMs > 0 ? `expected within ${wait(item.expectedMs)}` : "overdue since its deadline"}
              </p>
              {item.dueAt && item.kind !== "blocked" ? <Due dueAt={item.dueAt} now={now} /> : null}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
