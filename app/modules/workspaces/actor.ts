/**
 * Who is acting (decision 051): services read this from their context instead of a Request, so a
 * job or a test can act without one, and audit records the same label everywhere. Pure, no I/O.
 * A decision link (decision 052) acts for one person: a member ("decision_link") or a guest approver
 * without a membership ("guest").
 */
export type ActorKind = "member" | "client" | "forwarded" | "visitor" | "system" | "decision_link" | "guest";

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface Actor extends RequestMeta {
  kind: ActorKind;
  /** Kept on audit events even after the user is gone: an email, "Acme via onboarding link", "system (…)". */
  label: string;
  /** Members have one, and the person a decision link speaks for (member or guest). */
  userId: string | null;
}

const NO_META: RequestMeta = { ip: null, userAgent: null };

export function memberActor(user: { id: string; email: string }, meta: RequestMeta = NO_META): Actor {
  return { kind: "member", label: user.email, userId: user.id, ...meta };
}

/** The client who holds an onboarding link (no account). */
export function clientActor(clientName: string, meta: RequestMeta = NO_META): Actor {
  return { kind: "client", label: `${clientName} via onboarding link`, userId: null, ...meta };
}

/** A colleague of the client who holds one forwarded step's link. */
export function forwardedActor(email: string, meta: RequestMeta = NO_META): Actor {
  return { kind: "forwarded", label: `${email} via forwarded step link`, userId: null, ...meta };
}

/**
 * Someone not signed in yet (signing in or up, opening an account link): only where they come from
 * is known, which is what the rate limits and the audit trail of those steps need.
 */
export function visitorActor(meta: RequestMeta = NO_META): Actor {
  return { kind: "visitor", label: "visitor", userId: null, ...meta };
}

/** A member (or an invited brand lead) deciding through their personal decision link, without a session. */
export function decisionLinkActor(user: { id: string; email: string }, meta: RequestMeta = NO_META): Actor {
  return { kind: "decision_link", label: `${user.email} via decision link`, userId: user.id, ...meta };
}

/** A brand lead signing off through their daily sign-off digest's link (issue 17 part 3), without a session. */
export function digestLinkActor(user: { id: string; email: string }, meta: RequestMeta = NO_META): Actor {
  return { kind: "decision_link", label: `${user.email} via sign-off digest link`, userId: user.id, ...meta };
}

/** A guest approver (a user row without a membership): they act only through decision links. */
export function guestActor(user: { id: string; email: string }, meta: RequestMeta = NO_META): Actor {
  return { kind: "guest", label: `${user.email} (guest) via decision link`, userId: user.id, ...meta };
}

/** A job or a script; `why` says which, e.g. "sign-off deadline" gives "system (sign-off deadline)". */
export function systemActor(why?: string): Actor {
  return { kind: "system", label: why ? `system (${why})` : "system", userId: null, ...NO_META };
}

/**
 * Which door a decision came through, read back from the actor label kept on its audit event (the
 * labels above are the only writers, so the two stay together here): the evidence pack shows it.
 */
export function decisionChannelOf(label: string): "page" | "decision_link" | "digest_link" | "guest" {
  if (label.endsWith(" (guest) via decision link")) return "guest";
  if (label.endsWith(" via sign-off digest link")) return "digest_link";
  if (label.endsWith(" via decision link")) return "decision_link";
  return "page";
}

/** Whoever opens a brand's read-only calendar share link (issue 21): no account, only the link's label is known. */
export function shareLinkActor(label: string, meta: RequestMeta = NO_META): Actor {
  return { kind: "visitor", label: `${label} via calendar share link`, userId: null, ...meta };
}
