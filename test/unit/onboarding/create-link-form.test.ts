import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { createLinkFormSchema, createLinkSchema } from "~/modules/onboarding/schemas";

/**
 * The new-link form is checked twice with one schema: by the action (the posted form as an object)
 * and by the browser when it is sent (conform, no coercion). Both must read the platform pairs the
 * same way and say the same messages.
 */
const KEY = "k-0123456789abcdef";

function formData(entries: Array<[string, string]>): FormData {
  const form = new FormData();
  for (const [k, v] of entries) form.append(k, v);
  return form;
}

const base: Array<[string, string]> = [
  ["idempotencyKey", KEY],
  ["brandId", "new"],
  ["newClientName", "Harbor Tea"],
  ["clientEmail", "mia@harbor.example"],
  ["expiresInDays", "30"],
  ["sendEmail", "on"],
];

const asObject = (form: FormData) =>
  Object.fromEntries([...new Set(form.keys())].map((k) => [k, form.getAll(k).length > 1 ? form.getAll(k) : form.get(k)]));

describe("createLinkFormSchema", () => {
  it("pairs each ticked platform with its role; an unticked one is left out", () => {
    const form = formData([...base, ["platform_ga4", "on"], ["role_ga4", "Analyst"], ["role_meta_ad_account", "Manage campaigns"]]);
    const parsed = createLinkFormSchema.parse(asObject(form));
    expect(parsed.platforms).toEqual([{ platformKey: "ga4", role: "Analyst" }]);
    expect([parsed.sendEmail, parsed.contacts]).toEqual([true, false]);
  });

  it("a repeated role counts by its first value, as FormData.get reads it", () => {
    const form = formData([...base, ["platform_ga4", "on"], ["role_ga4", "Analyst"], ["role_ga4", "Administrator"]]);
    expect(createLinkFormSchema.parse(asObject(form)).platforms).toEqual([{ platformKey: "ga4", role: "Analyst" }]);
  });

  it("the browser's check (conform) and the action's say the same messages", () => {
    const form = formData([
      ["idempotencyKey", KEY],
      ["brandId", "new"],
      ["newClientName", ""],
      ["clientEmail", ""],
      ["expiresInDays", "400"],
      ["sendEmail", "on"],
    ]);
    const browser = parseWithZod(form, { schema: createLinkFormSchema, disableAutoCoercion: true }).reply().error ?? {};
    const server = createLinkFormSchema.safeParse(asObject(form));
    expect(server.success).toBe(false);
    const serverErrors: Record<string, string[]> = {};
    for (const issue of server.error?.issues ?? []) (serverErrors[issue.path.join(".")] ??= []).push(issue.message);
    expect(browser).toEqual(serverErrors);
    expect(Object.keys(browser).sort()).toEqual(["clientEmail", "expiresInDays", "newClientName", "platforms"]);
  });

  it("gives conform the constraints of the fields it knows", () => {
    expect(getZodConstraint(createLinkSchema)).toMatchObject({ idempotencyKey: { required: true } });
  });
});
