import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ShieldIcon } from "~/components/icons";
import { BatonLogo } from "~/components/logo";
import { Badge, cx } from "~/components/ui";
import type { Tone } from "~/components/ui";
import type { AccessStatus } from "~/modules/onboarding/access-status";
import { accessStatusLabels } from "~/modules/onboarding/access-status";
import { accentStyle } from "~/modules/workspaces/branding";
import { formatIn } from "~/utils/time";

export interface FrameWorkspace {
  name: string;
  logoUrl: string | null;
  accentColor: string;
}

/** The workspace's mark: its logo, or its initial on its accent colour. */
export function WorkspaceMark({ workspace, size = "md" }: { workspace: FrameWorkspace; size?: "md" | "lg" }) {
  const box = size === "lg" ? "h-12 w-12 text-lg" : "h-9 w-9 text-sm";
  return (
    <span
      className={cx(
        "flex shrink-0 items-center justify-center overflow-hidden rounded-lg bg-accent font-semibold text-[rgb(var(--accent-fg))]",
        box,
      )}
    >
      {workspace.logoUrl ? (
        <img src={workspace.logoUrl} alt="" className="h-full w-full object-cover" />
      ) : (
        workspace.name.slice(0, 1).toUpperCase()
      )}
    </span>
  );
}

/**
 * The frame of every page a client reaches by token: the agency's branding on top, a calm single
 * column, and a footer that says what this page is. No account, no navigation to get lost in.
 */
export function BrandedFrame({ workspace, children, footer }: { workspace: FrameWorkspace; children: ReactNode; footer?: ReactNode }) {
  const { t } = useTranslation("client");
  return (
    <div style={accentStyle(workspace.accentColor)} className="min-h-full bg-slate-50">
      <a href="#main" className="skip-link">
        {t("frame.skip")}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="h-1 bg-accent" aria-hidden="true" />
        <div className="mx-auto flex max-w-5xl items-center gap-3 px-4 py-3 sm:px-6">
          <WorkspaceMark workspace={workspace} />
          <span className="min-w-0 flex-1 truncate text-base font-semibold text-ink">{workspace.name}</span>
          <span className="hidden items-center gap-1.5 text-xs text-ink-muted sm:flex">
            <ShieldIcon size={14} />
            {t("frame.private")}
          </span>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-6 sm:px-6 sm:py-10">
        {children}
      </main>
      <footer className="mx-auto max-w-5xl px-4 pb-10 text-sm text-ink-muted sm:px-6">
        {footer}
        <p className="mt-4 flex items-center gap-2 text-xs">
          <span>{t("frame.securedBy")}</span>
          <BatonLogo className="scale-90" />
        </p>
      </footer>
    </div>
  );
}

const STATUS_TONE: Record<AccessStatus, Tone> = {
  requested: "neutral",
  confirmed: "info",
  verified: "success",
  rejected: "danger",
  not_applicable: "neutral",
  revoked: "warning",
  lost: "danger",
};

export function AccessStatusBadge({ status, audience = "agency" }: { status: AccessStatus; audience?: "agency" | "client" }) {
  return (
    <Badge tone={STATUS_TONE[status]} dot>
      {audience === "client" ? <ClientStatus status={status} /> : accessStatusLabels[status]}
    </Badge>
  );
}

/** The client reads "To do" rather than "Requested": same states, words for them, in the client's language. */
function ClientStatus({ status }: { status: AccessStatus }) {
  const { t } = useTranslation("client");
  return <>{t(`status.${status}`)}</>;
}

export function formatDay(iso: string): string {
  return formatIn(iso, "UTC", "d LLLL yyyy");
}

/** A day in tables, where a month spelt out would wrap: "3 Dec 2026". */
export function formatShortDay(iso: string): string {
  return formatIn(iso, "UTC", "d LLL yyyy");
}

export function formatDayTime(iso: string): string {
  return formatIn(iso, "UTC", "d LLL yyyy, HH:mm ZZZZ");
}

export interface ContactInfo {
  workspaceName: string;
  name: string | null;
  email: string | null;
}

export function ContactLine({ contact }: { contact: ContactInfo }) {
  const { t } = useTranslation("client");
  return (
    <p>
      {contact.name
        ? t("frame.contactNamed", { name: contact.name, workspace: contact.workspaceName })
        : t("frame.contact", { workspace: contact.workspaceName })}
      {contact.email ? (
        <>
          {" "}
          (
          <a className="font-medium text-accent underline" href={`mailto:${contact.email}`}>
            {contact.email}
          </a>
          )
        </>
      ) : null}
      .
    </p>
  );
}

/** What a client sees on a link that cannot be used: what happened, and whom to contact. */
export function LinkGone({
  state,
  contact,
  workspace,
  message,
}: {
  state: "invalid" | "expired" | "revoked" | "replaced" | "limited";
  contact: ContactInfo | null;
  workspace: FrameWorkspace | null;
  /** Said instead of the state's own body (the flood limit's wait, in minutes). */
  message?: string | null;
}) {
  const { t } = useTranslation("client");
  const copy = { title: t(`gone.${state}Title`), body: message ?? (state === "limited" ? "" : t(`gone.${state}Body`)) };
  const body = (
    <div className="mx-auto max-w-lg rounded-xl bg-white px-6 py-8 text-center shadow-sm ring-1 ring-slate-200 sm:px-10">
      <h1 className="text-xl font-semibold tracking-tight text-ink">{copy.title}</h1>
      <p className="mt-3 text-sm leading-6 text-ink-soft">{copy.body}</p>
      {contact ? (
        <div className="mt-6 rounded-lg bg-slate-50 px-4 py-3 text-sm text-ink-soft ring-1 ring-inset ring-slate-200">
          <ContactLine contact={contact} />
        </div>
      ) : null}
    </div>
  );
  if (!workspace) {
    return (
      <main id="main" className="flex min-h-full flex-col justify-center bg-slate-50 px-4 py-12">
        <div className="mb-8 flex justify-center">
          <BatonLogo />
        </div>
        {body}
      </main>
    );
  }
  return <BrandedFrame workspace={workspace}>{body}</BrandedFrame>;
}
