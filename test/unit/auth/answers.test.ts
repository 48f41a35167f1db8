import { describe, expect, it } from "vitest";
import { sameForEveryEmail } from "~/modules/auth/answers.server";
import { typedValues } from "~/utils/action-data.server";
import { ok, tooMany } from "~/utils/outcome";

describe("the signed-out pages' answers", () => {
  it("a success reads the same bytes every time (no time stamp), in the one shape with its intent", async () => {
    const first = await sameForEveryEmail(ok(), { intent: "magic" }).text();
    await new Promise((r) => setTimeout(r, 5));
    const second = await sameForEveryEmail(ok(), { intent: "magic" }).text();
    expect(first).toBe(second);
    expect(JSON.parse(first)).toMatchObject({ ok: true, intent: "magic", errors: {}, formError: null, at: 0 });
  });

  it("keeps a page's extra field on success", async () => {
    const res = sameForEveryEmail(ok(), { intent: "sign-up", extra: { checkEmail: true } });
    expect(await res.json()).toMatchObject({ ok: true, checkEmail: true });
  });

  it("too many attempts is 429 with Retry-After and the message as the form's error", async () => {
    const res = sameForEveryEmail(tooMany("Too many attempts. Please wait 3 minutes and try again.", 180), {
      intent: "magic",
      values: { email: "a@b.test" },
    });
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toBe("180");
    expect(await res.json()).toMatchObject({
      ok: false,
      errors: {},
      formError: expect.stringMatching(/Too many/),
      values: { email: "a@b.test" },
    });
  });

  it("puts back only the named text fields", () => {
    const form = new FormData();
    form.append("email", "a@b.test");
    form.append("password", "secret passphrase");
    form.append("name", new Blob(["x"]));
    expect(typedValues(form, ["email", "name"])).toEqual({ email: "a@b.test" });
  });
});
