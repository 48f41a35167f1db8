import { DomainError } from "~/utils/outcome";

/**
 * The state of one platform connection (issue 19), as ONE table: the services refuse what it does
 * not allow, the settings page shows what it allows, and the tests walk it. Every event carries a
 * reason a person can read (kept as the connection's last error and in the audit event).
 */

export const connectionStatuses = ["connected", "reconnect_needed", "disconnected"] as const;
export type ConnectionStatus = (typeof connectionStatuses)[number];

export const connectionEvents = ["connect", "credential_refused", "reconnect", "disconnect"] as const;
export type ConnectionEvent = (typeof connectionEvents)[number];

export const connectionStatusLabels: Record<ConnectionStatus, string> = {
  connected: "Connected",
  reconnect_needed: "Reconnect needed",
  disconnected: "Not connected",
};

export interface ConnectionTransition {
  event: ConnectionEvent;
  /** null: no live connection yet (the first connect, or after a disconnect). */
  from: readonly (ConnectionStatus | null)[];
  to: ConnectionStatus;
  /** Who may fire it: an admin on the settings page, or the system when a provider refuses. */
  actor: "admin" | "system";
  /** Why, in a person's words (the audit event's and, for a refusal, the page's). */
  reason: string;
}

export const connectionTransitions: readonly ConnectionTransition[] = [
  { event: "connect", from: [null, "disconnected"], to: "connected", actor: "admin", reason: "An admin connected the account." },
  // The provider refused the credential (a revoked refresh token, an expired system-user token):
  // checks stop until an admin connects again; the admins are told once.
  {
    event: "credential_refused",
    from: ["connected"],
    to: "reconnect_needed",
    actor: "system",
    reason: "The provider refused the stored credential.",
  },
  // Connecting again over a live connection replaces its credential (a new consent, a new token).
  {
    event: "reconnect",
    from: ["connected", "reconnect_needed"],
    to: "connected",
    actor: "admin",
    reason: "An admin connected the account again.",
  },
  // The credential is erased (security.md 38); the row stays for the audit trail.
  {
    event: "disconnect",
    from: ["connected", "reconnect_needed"],
    to: "disconnected",
    actor: "admin",
    reason: "An admin disconnected the account.",
  },
];

export function findConnectionTransition(from: ConnectionStatus | null, event: ConnectionEvent): ConnectionTransition | undefined {
  return connectionTransitions.find((t) => t.event === event && t.from.includes(from));
}

/** The next state, or a conflict saying why not. */
export function nextConnectionStatus(from: ConnectionStatus | null, event: ConnectionEvent): ConnectionTransition {
  const transition = findConnectionTransition(from, event);
  if (!transition) {
    const state = from ? connectionStatusLabels[from].toLowerCase() : "not connected";
    throw new DomainError({
      kind: "conflict",
      code: "connection_transition_not_allowed",
      message: `That isn't possible while the connection is ${state}. Reload the page to see its state now.`,
    });
  }
  return transition;
}

/** Admin events possible from a state, in table order: which buttons the settings page shows. */
export function allowedConnectionEvents(from: ConnectionStatus | null): ConnectionEvent[] {
  return connectionTransitions.filter((t) => t.actor === "admin" && t.from.includes(from)).map((t) => t.event);
}

/** Whether checks may use a connection in this state. */
export function canCheckWith(status: ConnectionStatus): boolean {
  return status === "connected";
}

export function isConnectionStatus(value: unknown): value is ConnectionStatus {
  return typeof value === "string" && (connectionStatuses as readonly string[]).includes(value);
}
