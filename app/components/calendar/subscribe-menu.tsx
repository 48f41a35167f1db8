import { Form, Link, useNavigation } from "@remix-run/react";
import { ChevronDownIcon, LinkIcon, ListIcon } from "~/components/icons";
import { Alert, Button, CopyButton, buttonClasses, cx } from "~/components/ui";
import { withParams } from "~/modules/calendar/filters";
import type { SettingsAnswer } from "./settings";

/** A disclosure at the top of a page (details/summary: a button, Enter and Space, no script needed). */
export function Disclosure({
  label,
  icon,
  open,
  children,
  testId,
}: {
  label: string;
  icon?: React.ReactNode;
  open?: boolean;
  children: React.ReactNode;
  testId?: string;
}) {
  return (
    <details className="group relative" open={open} data-testid={testId}>
      <summary className={cx(buttonClasses("secondary", "sm"), "cursor-pointer list-none [&::-webkit-details-marker]:hidden")}>
        {icon}
        {label}
        <ChevronDownIcon size={14} className="transition-transform group-open:rotate-180" />
      </summary>
      <div className="absolute left-0 z-30 mt-2 w-[min(22rem,calc(100vw-2rem))] space-y-4 rounded-lg bg-white p-4 text-sm shadow-lg ring-1 ring-slate-200 sm:left-auto sm:right-0">
        {children}
      </div>
    </details>
  );
}

export interface SubscribeMenuProps {
  slug: string;
  search: string;
  /** The month the list (and so the export) covers: the week's month in the week view. */
  monthParam: string;
  feed: { since: string } | null;
  answer: SettingsAnswer | undefined;
  canShare: boolean;
}

/**
 * "Subscribe and export" (issue 21): the private iCalendar feed and the CSV export of the current
 * filters, at the top of every view; and, for those who may, sharing a brand's calendar.
 */
export function SubscribeMenu({ slug, search, monthParam, feed, answer, canShare }: SubscribeMenuProps) {
  const nav = useNavigation();
  const busy = (intent: string) => nav.state !== "idle" && nav.formData?.get("intent") === intent;
  const feedAnswer = answer?.intent === "issue-feed" || answer?.intent === "revoke-feed" ? answer : undefined;
  const csvHref = `/w/${slug}/calendar.csv${withParams(search, { view: null, week: null, month: monthParam })}`.replace(/\?$/, "");
  return (
    <Disclosure label="Subscribe and export" open={Boolean(feedAnswer)} testId="subscribe-menu">
      <section aria-labelledby="export-heading">
        <h2 id="export-heading" className="font-semibold text-ink">
          Export
        </h2>
        <p className="mt-1 text-ink-muted">Every item of this month with the filters you chose, as a spreadsheet.</p>
        <a href={csvHref} className={cx(buttonClasses("secondary", "sm"), "mt-2")} download>
          <ListIcon /> Export CSV
        </a>
      </section>
      <section aria-labelledby="feed-heading" className="border-t border-slate-200 pt-4">
        <h2 id="feed-heading" className="font-semibold text-ink">
          Calendar feed
        </h2>
        <p className="mt-1 text-ink-muted">
          A private address Google Calendar, Apple Calendar or Outlook can subscribe to. It shows what you can see here and updates about
          every hour. Anyone with it can read it: keep it to yourself, and revoke it if it leaks.
        </p>
        {feedAnswer?.feedUrl ? (
          <div className="mt-3 space-y-2">
            <Alert tone="success" title="Your feed address">
              Copy it now: for your safety it is not shown again.
            </Alert>
            <CopyButton value={feedAnswer.feedUrl} label="Calendar feed URL" showLabel />
          </div>
        ) : null}
        <p className="mt-2 text-ink-soft">{feed ? `A feed address is active since ${feed.since}.` : "You have no feed address yet."}</p>
        <div className="mt-2 flex flex-wrap gap-2">
          <Form method="post" preventScrollReset>
            <input type="hidden" name="intent" value="issue-feed" />
            <Button type="submit" variant="secondary" size="sm" disabled={busy("issue-feed")}>
              {feed ? "Issue a new address" : "Create feed address"}
            </Button>
          </Form>
          {feed ? (
            <Form method="post" preventScrollReset>
              <input type="hidden" name="intent" value="revoke-feed" />
              <Button type="submit" variant="ghost" size="sm" disabled={busy("revoke-feed")}>
                Revoke feed address
              </Button>
            </Form>
          ) : null}
        </div>
        {feed ? <p className="mt-1 text-xs text-ink-muted">A new address stops the old one.</p> : null}
        <p aria-live="polite" className="mt-2 text-emerald-700">
          {feedAnswer?.ok && !feedAnswer.feedUrl ? feedAnswer.notice : ""}
        </p>
      </section>
      {canShare ? (
        <section aria-labelledby="share-heading" className="border-t border-slate-200 pt-4">
          <h2 id="share-heading" className="font-semibold text-ink">
            Share with a client
          </h2>
          <p className="mt-1 text-ink-muted">A read-only link to one brand&apos;s calendar, for client contacts without an account.</p>
          <Link to={`/w/${slug}/calendar/share`} className={cx(buttonClasses("secondary", "sm"), "mt-2")}>
            <LinkIcon /> Share links
          </Link>
        </section>
      ) : null}
    </Disclosure>
  );
}
