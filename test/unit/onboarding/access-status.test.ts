import { DomainError } from "~/utils/outcome";
import { describe, expect, it } from "vitest";
import {
  accessStepHolder,
  AGENCY_HELD_STATUSES,
  CLIENT_HELD_STATUSES,
  HELD_ACCESS_STATUSES,
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
    // Issue 19: a lost grant is the client's to give again (the reopen link), or to say it is not needed.
    lost: { confirm: "confirmed", mark_not_applicable: "not_applicable" },
  },
  agency: {
    requested: { mark_not_applicable: "not_applicable" },
    rejected: { mark_not_applicable: "not_applicable" },
    confirmed: { mark_not_applicable: "not_applicable", verify: "verified", reject: "rejected", revoke: "revoked" },
    verified: { revoke: "revoked" },
    not_applicable: { reopen: "requested" },
    revoked: { reopen: "requested" },
    lost: { mark_not_applicable: "not_applicable" },
  },
  // Issue 19: an automatic check only says what the platform shows: found verifies a confirmed step
  // (or a lost one seen again), gone marks a verified one lost. It never rejects, revokes or reopens.
  check: {
    confirmed: { verify: "verified" },
    lost: { verify: "verified" },
    verified: { lose: "lost" },
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
  for (const actor of ["client", "agency", "check"] as const) {
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

describe("automatic checks (issue 19)", () => {
  it("walks requested → confirmed → verified by check → lost → confirmed again → verified by check", () => {
    let status: AccessStatus = "requested";
    status = nextAccessStatus(status, { type: "confirm", actor: "client", assetId: "123" });
    status = nextAccessStatus(status, { type: "verify", actor: "check" });
    expect(status).toBe("verified");
    status = nextAccessStatus(status, { type: "lose", actor: "check", reason: "Page 123 is not in the agency's pages." });
    expect(status).toBe("lost");
    expect(accessStepHolder(status)).toBe("client");
    expect(allowedAccessEvents(status, "client")).toEqual(["confirm", "mark_not_applicable"]);
    status = nextAccessStatus(status, { type: "confirm", actor: "client", assetId: "123" });
    expect(nextAccessStatus(status, { type: "verify", actor: "check" })).toBe("verified");
  });

  it("needs the platform's answer as the reason to mark a grant lost", () => {
    expect(errorOf(() => nextAccessStatus("verified", { type: "lose", actor: "check" })).code).toBe("reason_required");
  });

  it("says a person cannot mark access lost: only a check reads the platform", () => {
    const error = errorOf(() => nextAccessStatus("verified", { type: "lose", actor: "agency", reason: "gone" }));
    expect(error).toMatchObject({ code: "actor_not_allowed", message: "Marking access lost is for an automatic check to do." });
  });

  it("keeps lost out of what the agency holds, and in what waits on the client", () => {
    expect(HELD_ACCESS_STATUSES).not.toContain("lost");
    expect(CLIENT_HELD_STATUSES).toContain("lost");
    expect(AGENCY_HELD_STATUSES).toEqual(["confirmed"]);
  });

  it("shows no button for the check's own events", () => {
    for (const status of accessStatuses) {
      expect(allowedAccessEvents(status, "agency")).not.toContain("lose");
      expect(allowedAccessEvents(status, "client")).not.toContain("lose");
    }
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
