import { DecisionFrame } from "~/components/decision-links/decision-frame";
import { BatonLogo } from "~/components/logo";
import type { FrameWorkspace } from "~/components/onboarding/branded-frame";

const COPY = {
  invalid: {
    title: "This link doesn't work",
    body: "The address may be incomplete: links are long, and some email programs break them. Open the link from the message again.",
  },
  expired: {
    title: "This calendar link has expired",
    body: "Shared calendar links work for a limited time. Ask your contact at the agency for a new one.",
  },
  revoked: {
    title: "This calendar link was turned off",
    body: "It can no longer be used. Ask your contact at the agency for a new one if you still need it.",
  },
} as const;

/** A share link that opens nothing: what happened and what to do, in the workspace's colours when known. */
export function ShareLinkEnded({ state, workspace }: { state: keyof typeof COPY; workspace: FrameWorkspace | null }) {
  const copy = COPY[state];
  const body = (
    <div className="mx-auto max-w-lg rounded-xl bg-white px-6 py-8 text-center shadow-sm ring-1 ring-slate-200 sm:px-10">
      <h1 className="text-xl font-semibold tracking-tight text-ink">{copy.title}</h1>
      <p className="mt-3 text-sm leading-6 text-ink-soft">{copy.body}</p>
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
  return (
    <DecisionFrame workspace={workspace} linkLabel="Read-only calendar link">
      {body}
    </DecisionFrame>
  );
}
