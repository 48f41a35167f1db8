import { Form, Link, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import {
  AlertTriangleIcon,
  BellIcon,
  BuildingIcon,
  ClockIcon,
  CalendarIcon,
  ChartIcon,
  ChevronDownIcon,
  FileIcon,
  HomeIcon,
  InboxIcon,
  LinkIcon,
  LogOutIcon,
  MenuIcon,
  PlugIcon,
  SettingsIcon,
  ShieldIcon,
  SparklesIcon,
  UsersIcon,
} from "~/components/icons";
import { BatonLogo } from "~/components/logo";
import { cx } from "~/components/ui";
import type { NavIcon, NavItem } from "~/modules/workspaces/navigation";

const ICONS: Record<NavIcon, typeof HomeIcon> = {
  home: HomeIcon,
  calendar: CalendarIcon,
  users: UsersIcon,
  building: BuildingIcon,
  sparkles: SparklesIcon,
  shield: ShieldIcon,
  plug: PlugIcon,
  bell: BellIcon,
  settings: SettingsIcon,
  inbox: InboxIcon,
  alert: AlertTriangleIcon,
  link: LinkIcon,
  file: FileIcon,
  clock: ClockIcon,
  chart: ChartIcon,
};

export interface ShellProps {
  workspace: { slug: string; name: string; logoUrl: string | null };
  workspaces: { slug: string; name: string }[];
  user: { name: string; email: string };
  roleLabel: string;
  nav: NavItem[];
  unread: number;
  children: ReactNode;
}

function NavList({ nav, slug, unread }: { nav: NavItem[]; slug: string; unread: number }) {
  const groups: Array<[string, NavItem[]]> = [
    ["Workspace", nav.filter((n) => n.section === "work")],
    ["Admin", nav.filter((n) => n.section === "admin")],
  ];
  return (
    <nav aria-label="Main" className="space-y-6">
      {groups
        .filter(([, items]) => items.length > 0)
        .map(([title, items]) => (
          <div key={title}>
            <p className="px-3 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</p>
            <ul className="mt-2 space-y-0.5">
              {items.map((item) => {
                const Icon = ICONS[item.icon];
                return (
                  <li key={item.path}>
                    <NavLink
                      to={`/w/${slug}${item.path}`}
                      end={item.path === ""}
                      className={({ isActive }) =>
                        cx(
                          "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors",
                          isActive ? "bg-accent/10 text-accent" : "text-ink-soft hover:bg-slate-100 hover:text-ink",
                        )
                      }
                    >
                      <Icon size={18} />
                      <span className="flex-1">{item.label}</span>
                      {item.icon === "bell" && unread > 0 ? (
                        <span
                          className="rounded-full bg-accent px-2 py-0.5 text-xs font-semibold text-[rgb(var(--accent-fg))]"
                          aria-label={`${unread} unread`}
                        >
                          {unread}
                        </span>
                      ) : null}
                    </NavLink>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
    </nav>
  );
}

function WorkspaceSwitcher({ current, all }: { current: ShellProps["workspace"]; all: ShellProps["workspaces"] }) {
  return (
    <details className="group relative">
      <summary className="flex cursor-pointer list-none items-center gap-3 rounded-lg px-2 py-2 hover:bg-slate-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent">
        <span className="flex h-8 w-8 shrink-0 items-center justify-center overflow-hidden rounded-md bg-accent text-sm font-semibold text-[rgb(var(--accent-fg))]">
          {current.logoUrl ? (
            <img src={current.logoUrl} alt="" className="h-full w-full object-cover" />
          ) : (
            current.name.slice(0, 1).toUpperCase()
          )}
        </span>
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-semibold text-ink">{current.name}</span>
          <span className="block text-xs text-ink-muted">Switch workspace</span>
        </span>
        <ChevronDownIcon size={16} className="text-ink-muted transition-transform group-open:rotate-180" />
      </summary>
      <ul className="absolute left-0 right-0 z-20 mt-1 rounded-lg bg-white p-1 shadow-lg ring-1 ring-slate-200">
        {all.map((w) => (
          <li key={w.slug}>
            <Link
              to={`/w/${w.slug}`}
              className={cx(
                "block rounded-md px-3 py-2 text-sm hover:bg-slate-100",
                w.slug === current.slug ? "font-semibold text-accent" : "text-ink-soft",
              )}
              aria-current={w.slug === current.slug ? "true" : undefined}
            >
              {w.name}
            </Link>
          </li>
        ))}
        <li className="mt-1 border-t border-slate-100 pt-1">
          <Link to="/workspaces/new" className="block rounded-md px-3 py-2 text-sm text-ink-soft hover:bg-slate-100">
            + New workspace
          </Link>
        </li>
      </ul>
    </details>
  );
}

function UserBox({ user, roleLabel }: { user: ShellProps["user"]; roleLabel: string }) {
  return (
    <div className="flex items-center gap-3 border-t border-slate-200 px-2 pt-4">
      <span className="flex h-8 w-8 items-center justify-center rounded-full bg-slate-200 text-xs font-semibold text-ink-soft" aria-hidden>
        {user.name
          .split(" ")
          .map((p) => p[0])
          .slice(0, 2)
          .join("")
          .toUpperCase()}
      </span>
      <span className="min-w-0 flex-1">
        <span className="block truncate text-sm font-medium text-ink">{user.name}</span>
        <span className="block truncate text-xs text-ink-muted">
          {roleLabel} · {user.email}
        </span>
      </span>
      <Form method="post" action="/logout">
        <button
          type="submit"
          className="rounded-md p-2 text-ink-muted hover:bg-slate-100 hover:text-ink focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent"
          title="Sign out"
        >
          <LogOutIcon size={18} />
          <span className="sr-only">Sign out</span>
        </button>
      </Form>
    </div>
  );
}

/** The signed-in frame: a sidebar on wide screens, a disclosure menu on phones (works without JS). */
export function AppShell(props: ShellProps) {
  const { workspace, workspaces, user, roleLabel, nav, unread, children } = props;
  const sidebar = (
    <div className="flex h-full flex-col gap-6">
      <WorkspaceSwitcher current={workspace} all={workspaces} />
      <div className="flex-1 overflow-y-auto">
        <NavList nav={nav} slug={workspace.slug} unread={unread} />
      </div>
      <UserBox user={user} roleLabel={roleLabel} />
    </div>
  );
  return (
    <div className="min-h-full">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      {/* Printed pages (insights, evidence) carry their content only: no navigation. */}
      <aside className="fixed inset-y-0 left-0 hidden w-72 border-r border-slate-200 bg-white px-4 py-5 lg:block print:!hidden">
        {sidebar}
      </aside>
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur lg:hidden print:hidden">
        <details className="group">
          {/* The toggle's own focus ring (inset: the header clips what lies outside it); the count is said, not just shown. */}
          <summary className="flex cursor-pointer list-none items-center justify-between px-4 py-3 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-accent [&::-webkit-details-marker]:hidden">
            <BatonLogo />
            <span className="flex items-center gap-2 text-sm text-ink-soft">
              {unread > 0 ? (
                <span className="rounded-full bg-accent px-2 py-0.5 text-xs font-semibold text-[rgb(var(--accent-fg))]" aria-hidden="true">
                  {unread}
                </span>
              ) : null}
              <MenuIcon size={22} />
              <span className="sr-only">{unread > 0 ? `Menu, ${unread} unread` : "Menu"}</span>
            </span>
          </summary>
          <div className="max-h-[80vh] overflow-y-auto border-t border-slate-200 px-4 py-4">{sidebar}</div>
        </details>
      </header>
      <main id="main" className="lg:pl-72 print:!pl-0">
        <div className="mx-auto max-w-6xl px-4 py-6 sm:px-6 lg:px-10 lg:py-10 print:max-w-none print:!p-0">{children}</div>
      </main>
    </div>
  );
}
