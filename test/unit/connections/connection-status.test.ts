import { describe, expect, it } from "vitest";
import {
  allowedConnectionEvents,
  canCheckWith,
  connectionTransitions,
  nextConnectionStatus,
  type ConnectionStatus,
} from "~/modules/connections/connection-status";
import { isDomainError } from "~/utils/outcome";

/** The connection state table (issue 19): walked whole, so server, page and tests cannot disagree. */
describe("connection state table", () => {
  const states: (ConnectionStatus | null)[] = [null, "connected", "reconnect_needed", "disconnected"];

  it("every event allowed by the table leads where the table says, with a reason", () => {
    for (const t of connectionTransitions) {
      for (const from of t.from) {
        expect(nextConnectionStatus(from, t.event)).toMatchObject({ to: t.to });
        expect(t.reason.length).toBeGreaterThan(5);
      }
    }
  });

  it("everything else is a conflict", () => {
    for (const from of states) {
      for (const event of ["connect", "credential_refused", "reconnect", "disconnect"] as const) {
        if (connectionTransitions.some((t) => t.event === event && t.from.includes(from))) continue;
        let caught: unknown;
        try {
          nextConnectionStatus(from, event);
        } catch (error) {
          caught = error;
        }
        expect(isDomainError(caught) && caught.problem.kind === "conflict", `${event} from ${String(from)}`).toBe(true);
      }
    }
  });

  it("a refusal only breaks a working connection; only admins connect, reconnect and disconnect", () => {
    expect(() => nextConnectionStatus("reconnect_needed", "credential_refused")).toThrow();
    expect(allowedConnectionEvents(null)).toEqual(["connect"]);
    expect(allowedConnectionEvents("reconnect_needed")).toEqual(["reconnect", "disconnect"]);
    expect(allowedConnectionEvents("connected")).toEqual(["reconnect", "disconnect"]);
    expect(canCheckWith("connected")).toBe(true);
    expect(canCheckWith("reconnect_needed")).toBe(false);
  });
});
