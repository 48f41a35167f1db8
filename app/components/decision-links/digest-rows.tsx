import { Form } from "@remix-run/react";
import { AlertCircleIcon, AlertTriangleIcon, CheckCircleIcon, ChevronRightIcon } from "~/components/icons";
import { Badge, cx } from "~/components/ui";
import type { DigestRow } from "./types";

/** The form every row's checkbox belongs to (HTML's `form` attribute), so each row can also hold its own "open" form. */
export const SIGN_OFF_FORM_ID = "sign-off";

/**
 * One sign-off on the digest page: the essentials in the brand's zone (the page's script adds the
 * reader's own), a checkbox when it can still be signed off from here, what happened to it after a
 * post, and the way to the whole draft. Plain HTML forms: the page ships no app bundle.
 */
export function DigestRowItem({ row, ticked }: { row: DigestRow; ticked: boolean }) {
  const checkboxId = `pick-${row.id}`;
  const title = (
    <>
      {row.title} <span className="font-normal text-ink-muted">v{row.version}</span>
    </>
  );
  return (
    <li
      className={cx(
        "rounded-xl bg-white p-4 shadow-sm ring-1 sm:p-5",
        row.result ? (row.result.ok ? "ring-emerald-300" : "ring-red-300") : "ring-slate-200",
      )}
    >
      <div className="flex gap-3">
        <div className="flex h-7 w-6 shrink-0 items-center justify-center">
          {row.pick ? (
            <input
              type="checkbox"
              id={checkboxId}
              form={SIGN_OFF_FORM_ID}
              name="pick"
              value={row.pick}
              defaultChecked={ticked}
              className="h-5 w-5 rounded border-slate-400 accent-accent focus:outline-none focus-visible:ring-2 focus-visible:ring-accent focus-visible:ring-offset-2"
            />
          ) : row.result?.ok ? (
            <CheckCircleIcon size={20} className="text-emerald-600" />
          ) : (
            <span className="h-5 w-5 rounded border border-dashed border-slate-300" aria-hidden="true" />
          )}
        </div>
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1.5">
            <h2 className="min-w-0 text-base font-semibold leading-7 text-ink">
              {row.pick ? (
                <label htmlFor={checkboxId} className="cursor-pointer">
                  {title}
                </label>
              ) : (
                title
              )}
            </h2>
            <RowBadge row={row} />
          </div>
          <p className="text-sm text-ink-muted">
            {[row.campaignName, row.channelLabel, row.creatorName ?? "No creator assigned"].join(" · ")}
          </p>
          <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            <div>
              <dt className="font-medium text-ink">Goes live</dt>
              <dd className="text-ink-soft" data-instant={row.publishAt}>
                {row.publishLabel}
              </dd>
            </div>
            <div>
              <dt className="font-medium text-ink">Sign off by</dt>
              <dd className="text-ink-soft" data-instant={row.deadline}>
                {row.deadlineLabel}
              </dd>
            </div>
          </dl>
          <RowNote row={row} />
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="open" />
            <input type="hidden" name="deliverableId" value={row.id} />
            <button
              type="submit"
              className="inline-flex items-center gap-1 rounded text-sm font-medium text-ink underline decoration-slate-400 underline-offset-4 hover:decoration-ink focus:outline-none focus-visible:ring-2 focus-visible:ring-accent focus-visible:ring-offset-2"
            >
              Open the full draft<span className="sr-only">: {row.title}</span>
              <ChevronRightIcon size={16} />
            </button>
          </Form>
        </div>
      </div>
    </li>
  );
}

/** Time left while it waits; once decided, its status. */
function RowBadge({ row }: { row: DigestRow }) {
  if (!row.waits) return <Badge tone={row.status === "signed_off" ? "success" : "neutral"}>{row.statusLabel}</Badge>;
  const tone = row.deadlinePassed ? "danger" : row.atRisk ? "warning" : "info";
  return (
    <Badge tone={tone}>
      <span className="sr-only">Time left to sign off: </span>
      <time dateTime={row.deadline} data-countdown={row.deadline}>
        {row.deadlinePassed ? row.countdown : `${row.countdown} left`}
      </time>
    </Badge>
  );
}

/** What happened to the row on the last post, or why it cannot be signed off from here. */
function RowNote({ row }: { row: DigestRow }) {
  if (row.result) {
    const Icon = row.result.ok ? CheckCircleIcon : AlertCircleIcon;
    return (
      <p className={cx("mt-3 flex gap-2 text-sm font-medium", row.result.ok ? "text-emerald-800" : "text-red-800")}>
        <Icon size={18} className="mt-px shrink-0" />
        <span>{row.result.text}</span>
      </p>
    );
  }
  if (row.waits && row.deadlinePassed) {
    return (
      <p className="mt-3 flex gap-2 text-sm text-amber-900">
        <AlertTriangleIcon size={18} className="mt-px shrink-0 text-amber-600" />
        <span>
          Its sign-off deadline has passed, so a sign-off here would not count. Open it to move the publish time and sign off in one step.
        </span>
      </p>
    );
  }
  return null;
}
