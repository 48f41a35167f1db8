import { describe, expect, it } from "vitest";
import { accessStatusError } from "~/modules/onboarding/access-status";
import { answer, answerError, problemAnswer } from "~/utils/action-data.server";
import { attempt, conflict, CORRECT_FIELDS, DomainError, gone, invalid, notFound, ok, tooMany, unwrap, forbidden } from "~/utils/outcome";

const SHAPE_KEYS = ["at", "errors", "formError", "intent", "notice", "ok", "target", "values"];

describe("outcome vocabulary", () => {
  it("builds problems with a kind and no HTTP number", () => {
    expect(invalid(undefined, { name: ["Enter a name."] })).toEqual({
      ok: false,
      problem: { kind: "invalid", message: CORRECT_FIELDS, fields: { name: ["Enter a name."] } },
    });
    expect(notFound().problem.kind).toBe("not_found");
    expect(conflict("Taken.").problem).toEqual({ kind: "conflict", message: "Taken." });
    expect(gone("Expired.").problem.kind).toBe("gone");
    expect(forbidden().problem.kind).toBe("forbidden");
    expect(tooMany("Wait.", 12.2).problem).toEqual({ kind: "too_many", message: "Wait.", retryAfterSeconds: 13 });
    expect(ok(3)).toEqual({ ok: true, value: 3 });
  });

  it("unwrap throws the one DomainError and attempt turns it back into an outcome", async () => {
    expect(() => unwrap(conflict("Taken."))).toThrow(DomainError);
    expect(await attempt(async () => unwrap(conflict("Taken.")))).toEqual(conflict("Taken."));
    await expect(attempt(async () => Promise.reject(new TypeError("bug")))).rejects.toThrow(TypeError);
  });

  it("builds refused access changes as the one DomainError, with the kind their routes answered", () => {
    const cases: [Error, string][] = [
      [accessStatusError("transition_not_allowed", "m"), "conflict"],
      [accessStatusError("reason_required", "m"), "invalid"],
    ];
    for (const [error, kind] of cases) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).problem.kind).toBe(kind);
    }
    expect(new DomainError("core_section", "m").code).toBe("core_section");
    expect(accessStatusError("reason_required", "m").code).toBe("reason_required");
  });
});

describe("route edge", () => {
  it("answers each kind with its status in the one shape", async () => {
    const statuses = await Promise.all(
      [invalid(), notFound(), forbidden(), conflict("c"), gone("g"), tooMany("t", 5)].map((o) => answer(o).status),
    );
    expect(statuses).toEqual([400, 404, 403, 409, 410, 429]);
    const limited = answer(tooMany("Wait 5 minutes.", 300));
    expect(limited.headers.get("Retry-After")).toBe("300");
    const body = await answer(invalid(undefined, { url: ["Bad."] }), { intent: "create", values: { url: "x" } }).json();
    expect(Object.keys(body).sort()).toEqual(SHAPE_KEYS);
    expect(body).toMatchObject({ ok: false, intent: "create", errors: { url: ["Bad."] }, formError: CORRECT_FIELDS, values: { url: "x" } });
  });

  it("answers success with the notice, and a thrown DomainError as its problem; other errors fly", async () => {
    const body = await answer(ok(2), { intent: "save", notice: (n) => `${n} saved.` }).json();
    expect(body).toMatchObject({ ok: true, intent: "save", notice: "2 saved.", formError: null });
    expect(body.at).toBeGreaterThan(0);
    expect(answerError(new DomainError({ kind: "conflict", message: "Too late." })).status).toBe(409);
    expect(() => answerError(new Error("bug"))).toThrow("bug");
  });

  it("answers every problem in the same shape with its kind's status", async () => {
    const legacy = [
      problemAnswer({ kind: "invalid", message: CORRECT_FIELDS, fields: { a: ["x"] } }),
      problemAnswer({ kind: "conflict", message: "Taken." }),
      problemAnswer({ kind: "not_found", message: "Gone." }, { intent: "save", target: "t1" }),
      problemAnswer({ kind: "invalid", message: "" }),
    ];
    expect(legacy.map((r) => r.status)).toEqual([400, 409, 404, 400]);
    const bodies = await Promise.all(legacy.map((r) => r.json()));
    for (const b of bodies) expect(Object.keys(b).sort()).toEqual(SHAPE_KEYS);
    expect(bodies[0]).toMatchObject({ ok: false, errors: { a: ["x"] }, formError: CORRECT_FIELDS });
    expect(bodies[1]).toMatchObject({ formError: "Taken.", errors: {} });
    expect(bodies[2]).toMatchObject({ intent: "save", target: "t1", formError: "Gone." });
    expect(bodies[3].formError).toBe(CORRECT_FIELDS);
  });
});
