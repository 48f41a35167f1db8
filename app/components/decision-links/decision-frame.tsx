import type { ReactNode } from "react";
import { ShieldIcon } from "~/components/icons";
import { BatonLogo } from "~/components/logo";
import { WorkspaceMark, type FrameWorkspace } from "~/components/onboarding/branded-frame";
import { accentStyle } from "~/modules/workspaces/branding";

/**
 * The frame of a decision link's page: the agency's branding on top, one column that puts the
 * decision first on a phone, and a footer that says what this page is and who it speaks for.
 */
export function DecisionFrame({
  workspace,
  children,
  footer,
  linkLabel = "Your private decision link",
}: {
  workspace: FrameWorkspace;
  children: ReactNode;
  footer?: ReactNode;
  /** What the link is, in the corner (the sign-off digest's says so). */
  linkLabel?: string;
}) {
  return (
    <div style={accentStyle(workspace.accentColor)} className="min-h-full bg-slate-50">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="h-1 bg-accent" aria-hidden="true" />
        <div className="mx-auto flex max-w-6xl items-center gap-3 px-4 py-3 sm:px-6">
          <WorkspaceMark workspace={workspace} />
          <span className="min-w-0 flex-1 truncate text-base font-semibold text-ink">{workspace.name}</span>
          <span className="flex items-center gap-1.5 text-xs text-ink-muted">
            <ShieldIcon size={14} />
            <span className="hidden sm:inline">{linkLabel}</span>
            <span className="sm:hidden">Private link</span>
          </span>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-5 sm:px-6 sm:py-8">
        {children}
      </main>
      <footer className="mx-auto max-w-6xl px-4 pb-10 text-sm text-ink-muted sm:px-6">
        {footer}
        <p className="mt-4 flex items-center gap-2 text-xs">
          <span>Secured by</span>
          <BatonLogo className="scale-90" />
        </p>
      </footer>
    </div>
  );
}

const ENDED_COPY = {
  invalid: {
    title: "This link doesn't work",
    body: "The address may be incomplete: links are long, and some email programs break them. Open the link from the email again.",
  },
  expired: {
    title: "This decision link has expired",
    body: "Decision links work until a week after the post goes live. You can still see the draft in Baton after signing in.",
  },
  revoked: {
    title: "This decision link was turned off",
    body: "It can no longer be used. If you still need to decide, sign in to Baton or ask the coordinator for a new email.",
  },
} as const;

/** The same for a sign-off digest's link (issue 17 part 3): it lasts 48 hours, and the next digest brings a new one. */
const DIGEST_ENDED_COPY: Record<keyof typeof ENDED_COPY, { title: string; body: string }> = {
  invalid: ENDED_COPY.invalid,
  expired: {
    title: "This sign-off list has expired",
    body: "Sign-off lists work for 48 hours. The next one comes at 08:00 on a day something waits for you; you can also sign in to Baton.",
  },
  revoked: {
    title: "This sign-off list was turned off",
    body: "It can no longer be used. If you still need to sign off, sign in to Baton or ask the coordinator.",
  },
};

/** What a person sees on a link that opens nothing: what happened, and where to go instead. */
export function DecisionLinkEnded({
  state,
  workspace,
  signInPath,
  kind = "decision",
}: {
  state: keyof typeof ENDED_COPY;
  workspace: FrameWorkspace | null;
  signInPath: string | null;
  /** A decision link, or a sign-off digest's link. */
  kind?: "decision" | "digest";
}) {
  const copy = (kind === "digest" ? DIGEST_ENDED_COPY : ENDED_COPY)[state];
  const body = (
    <div className="mx-auto max-w-lg rounded-xl bg-white px-6 py-8 text-center shadow-sm ring-1 ring-slate-200 sm:px-10">
      <h1 className="text-xl font-semibold tracking-tight text-ink">{copy.title}</h1>
      <p className="mt-3 text-sm leading-6 text-ink-soft">{copy.body}</p>
      {signInPath ? (
        <p className="mt-6">
          <a href={signInPath} className="font-medium text-accent underline">
            {kind === "digest" ? "Sign in to see your approvals" : "Sign in to see the draft"}
          </a>
        </p>
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
  return <DecisionFrame workspace={workspace}>{body}</DecisionFrame>;
}
