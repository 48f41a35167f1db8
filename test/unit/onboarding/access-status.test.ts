import { DomainError } from "~/utils/outcome";
import { describe, expect, it } from "vitest";
import {
  accessEvents,
  accessStatuses,
  accessTransitions,
  allowedAccessEvents,
  canTransition,
  isRepeatedAccessEvent,
  nextAccessStatus,
} from "~/modules/onboarding/access-status";
import type { AccessActor, AccessEvent, AccessStatus } from "~/modules/onboarding/access-status";

const payload = { assetId: "1234567890", reason: "We don't run TikTok." };

// The whole machine, written out by hand from PRODUCT.md so the table is checked, not restated.
const expected: Record<AccessActor, Partial<Record<AccessStatus, Partial<Record<AccessEvent, AccessStatus>>>>> = {
  client: {
    requested: { confirm: "confirmed", mark_not_applicable: "not_applicable" },
    rejected: { confirm: "confirmed", mark_not_applicable: "not_applicable" },
    confirmed: { confirm: "confirmed", mark_not_applicable: "not_applicable" },
    not_applicable: { reopen: "requested" },
  },
  agency: {
    requested: { mark_not_applicable: "not_applicable" },
    rejected: { mark_not_applicable: "not_applicable" },
    confirmed: { mark_not_applicable: "not_applicable", verify: "verified", reject: "rejected", revoke: "revoked" },
    verified: { revoke: "revoked" },
    not_applicable: { reopen: "requested" },
    revoked: { reopen: "requested" },
  },
};

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a DomainError");
}

describe("access status table", () => {
  for (const actor of ["client", "agency"] as const) {
    for (const status of accessStatuses) {
      for (const event of accessEvents) {
        const to = expected[actor][status]?.[event];
        if (to) {
          it(`${actor}: ${status} --${event}--> ${to}`, () => {
            expect(canTransition(status, event, actor)).toBe(true);
            expect(nextAccessStatus(status, { type: event, actor, ...payload })).toBe(to);
          });
        } else {
          it(`${actor}: ${status} refuses ${event}`, () => {
            expect(canTransition(status, event, actor)).toBe(false);
            const error = errorOf(() => nextAccessStatus(status, { type: event, actor, ...payload }));
            expect(["transition_not_allowed", "actor_not_allowed"]).toContain(error.code);
          });
        }
      }
    }
  }

  it("only has transitions from and to known statuses", () => {
    for (const t of accessTransitions) {
      expect(accessStatuses).toContain(t.to);
      for (const from of t.from) expect(accessStatuses).toContain(from);
    }
  });
});

describe("nextAccessStatus refusals", () => {
  it("says a verified step cannot be confirmed again", () => {
    const error = errorOf(() => nextAccessStatus("verified", { type: "confirm", actor: "client", assetId: "1" }));
    expect(error.code).toBe("transition_not_allowed");
    expect(error.message).toBe("Confirming access isn't possible while access is verified.");
  });

  it("says who verifies when the client tries", () => {
    const error = errorOf(() => nextAccessStatus("confirmed", { type: "verify", actor: "client" }));
    expect(error.code).toBe("actor_not_allowed");
    expect(error.message).toBe("Verifying access is for the agency to do.");
  });

  it("lets only the agency reopen revoked access", () => {
    const error = errorOf(() => nextAccessStatus("revoked", { type: "reopen", actor: "client" }));
    expect(error.code).toBe("actor_not_allowed");
    expect(error.message).toMatch(/for the agency/);
  });

  it("says the client cannot confirm for the agency", () => {
    const error = errorOf(() => nextAccessStatus("requested", { type: "confirm", actor: "agency", assetId: "1" }));
    expect(error).toMatchObject({ code: "actor_not_allowed", message: "Confirming access is for the client to do." });
  });

  it("requires an asset ID to confirm", () => {
    for (const assetId of [undefined, null, "", "   "]) {
      const error = errorOf(() => nextAccessStatus("requested", { type: "confirm", actor: "client", assetId }));
      expect(error.code).toBe("asset_id_required");
      expect(error.message).toMatch(/ID of the account/);
    }
  });

  it("requires a reason to reject or mark not applicable", () => {
    const reject = errorOf(() => nextAccessStatus("confirmed", { type: "reject", actor: "agency", reason: " " }));
    expect(reject).toMatchObject({
      code: "reason_required",
      message: "Rejecting the grant needs a reason the other side can read.",
    });
    const na = errorOf(() => nextAccessStatus("requested", { type: "mark_not_applicable", actor: "client" }));
    expect(na.code).toBe("reason_required");
  });

  it("is an Error with a name, so logs read well", () => {
    const error = errorOf(() => nextAccessStatus("revoked", { type: "verify", actor: "agency" }));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("DomainError");
  });
});

describe("rejection reopens the step", () => {
  it("walks requested → confirmed → rejected → confirmed → verified → revoked → requested", () => {
    let status: AccessStatus = "requested";
    status = nextAccessStatus(status, { type: "confirm", actor: "client", assetId: "123" });
    status = nextAccessStatus(status, { type: "reject", actor: "agency", reason: "Wrong ad account." });
    expect(status).toBe("rejected");
    expect(allowedAccessEvents(status, "client")).toContain("confirm");
    status = nextAccessStatus(status, { type: "confirm", actor: "client", assetId: "456" });
    status = nextAccessStatus(status, { type: "verify", actor: "agency" });
    status = nextAccessStatus(status, { type: "revoke", actor: "agency" });
    status = nextAccessStatus(status, { type: "reopen", actor: "agency" });
    expect(status).toBe("requested");
  });
});

describe("allowedAccessEvents", () => {
  it("shows the client confirm and not applicable on an open step", () => {
    expect(allowedAccessEvents("requested", "client")).toEqual(["confirm", "mark_not_applicable"]);
  });
  it("shows the agency its review buttons on a confirmed step", () => {
    expect(allowedAccessEvents("confirmed", "agency")).toEqual(["mark_not_applicable", "verify", "reject", "revoke"]);
  });
  it("shows nothing to the client once verified or revoked", () => {
    expect(allowedAccessEvents("verified", "client")).toEqual([]);
    expect(allowedAccessEvents("revoked", "client")).toEqual([]);
  });
  it("lists reopen once even though two rows define it", () => {
    expect(allowedAccessEvents("not_applicable", "agency")).toEqual(["reopen"]);
    expect(allowedAccessEvents("revoked", "agency")).toEqual(["reopen"]);
  });
});

describe("isRepeatedAccessEvent", () => {
  const confirm = (assetId: string) => ({ type: "confirm" as const, actor: "client" as const, assetId });

  it("a confirm of the asset already confirmed changes nothing", () => {
    expect(isRepeatedAccessEvent({ status: "confirmed", assetId: "1234567890" }, confirm("1234567890"))).toBe(true);
  });

  it("a confirm with another asset, or from any other state, is a real change", () => {
    expect(isRepeatedAccessEvent({ status: "confirmed", assetId: "1234567890" }, confirm("9876543210"))).toBe(false);
    for (const status of ["requested", "rejected"] as const) {
      expect(isRepeatedAccessEvent({ status, assetId: "1234567890" }, confirm("1234567890"))).toBe(false);
    }
  });

  it("is never a way around the table: events it refuses, or another actor's, are no repeats", () => {
    expect(isRepeatedAccessEvent({ status: "verified", assetId: "1234567890" }, confirm("1234567890"))).toBe(false);
    expect(
      isRepeatedAccessEvent({ status: "confirmed", assetId: "1234567890" }, { type: "confirm", actor: "agency", assetId: "1234567890" }),
    ).toBe(false);
    expect(
      isRepeatedAccessEvent(
        { status: "not_applicable", assetId: null },
        { type: "mark_not_applicable", actor: "client", reason: "No TikTok." },
      ),
    ).toBe(false);
  });
});
