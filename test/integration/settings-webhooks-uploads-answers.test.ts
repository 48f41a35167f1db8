import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as settingsRoute from "~/routes/w.$workspace.settings";
import * as uploadRoute from "~/routes/w.$workspace.uploads";
import * as webhooksRoute from "~/routes/w.$workspace.webhooks";
import { CORRECT_FIELDS } from "~/utils/outcome";
import { useTestDatabase } from "../support/db";
import { call, jsonOf, makeRequest, sessionCookie } from "../support/http";
import { buildWorld, type World } from "../support/world";

/**
 * Decision 051 on the settings, webhooks and uploads routes: every answer is the one action-data
 * shape, named by its intent, with what was typed put back (a list for the event-type checkboxes).
 */
const dataDir = mkdtempSync(path.join(tmpdir(), "baton-answers-"));
const t = useTestDatabase({ ALLOW_PRIVATE_WEBHOOKS: true, DATA_DIR: dataDir, MAX_UPLOAD_MB: 1 });
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

let world: World;
let owner: string;
beforeAll(async () => {
  world = await buildWorld(t.db);
  owner = await sessionCookie(world.users.owner.id);
});

type Answer = {
  ok: boolean;
  intent: string | null;
  errors: Record<string, string[]>;
  formError: string | null;
  values: Record<string, string | string[]>;
  notice: string | null;
  error?: string;
  created?: { id: string; url: string; secret: string };
};

const post = (route: { action: (...a: never[]) => unknown }, sub: string, form: Record<string, string | string[] | Blob>) =>
  call(route.action as never, makeRequest(`/w/${world.a.slug}${sub}`, { cookie: owner, form }), { workspace: world.a.slug });

const key = () => `k${Math.random().toString(36).slice(2, 14)}${Math.random().toString(36).slice(2, 10)}`;

describe("settings", () => {
  const base = { name: "Alpha Studio", accentColor: "#4f46e5", logoUrl: "", welcomeText: "", signoffWindowHours: "48" };

  it("a refusal names the form, puts back what was typed and says the field's message", async () => {
    const res = await post(settingsRoute, "/settings", { ...base, accentColor: "blue", signoffWindowHours: "0" });
    expect(res.status).toBe(400);
    const body = await jsonOf<Answer>(res);
    expect(body).toMatchObject({ ok: false, intent: "save-settings", formError: CORRECT_FIELDS, notice: null });
    expect(body.values).toMatchObject({ accentColor: "blue", signoffWindowHours: "0" });
    expect(body.errors.accentColor).toEqual(["Use a hex colour like #4f46e5."]);
    expect(body.errors.signoffWindowHours).toEqual(["At least 1 hour."]);
  });

  it("a save answers its notice", async () => {
    const res = await post(settingsRoute, "/settings", base);
    expect(res.status).toBe(200);
    expect(await jsonOf<Answer>(res)).toMatchObject({
      ok: true,
      intent: "save-settings",
      notice: "Settings saved. Clients see the new branding on their next visit.",
    });
  });
});

describe("webhooks", () => {
  it("an unknown intent is 400 with its message", async () => {
    const res = await post(webhooksRoute, "/webhooks", { intent: "drop" });
    expect(res.status).toBe(400);
    expect(await jsonOf<Answer>(res)).toMatchObject({ ok: false, intent: null, formError: "Unknown action." });
  });

  it("a malformed endpoint id is 400 for the disable form", async () => {
    const res = await post(webhooksRoute, "/webhooks", { intent: "disable", id: "nope" });
    expect(res.status).toBe(400);
    const body = await jsonOf<Answer>(res);
    expect(body).toMatchObject({ ok: false, intent: "disable", formError: "Choose an endpoint from the list." });
    expect(body.errors.id).toEqual(["That is not an endpoint id."]);
  });

  it("a refused create puts back the chosen event types as a list", async () => {
    const res = await post(webhooksRoute, "/webhooks", {
      intent: "create",
      idempotencyKey: key(),
      url: "ftp://example.test/hook",
      description: "CRM",
      eventTypes: ["member.invited", "draft.submitted", "not.an.event"],
    });
    expect(res.status).toBe(400);
    const body = await jsonOf<Answer>(res);
    expect(body).toMatchObject({ ok: false, intent: "create", formError: CORRECT_FIELDS });
    expect(body.values).toEqual({ url: "ftp://example.test/hook", description: "CRM", eventTypes: ["member.invited", "draft.submitted"] });
    expect(body.errors.url).toEqual(["Use an http:// or https:// URL."]);
  });

  it("a create answers the new endpoint with its secret; a disable answers its notice", async () => {
    const res = await post(webhooksRoute, "/webhooks", {
      intent: "create",
      idempotencyKey: key(),
      url: "http://127.0.0.1:9/answers",
      eventTypes: "member.invited",
    });
    expect(res.status).toBe(200);
    const body = await jsonOf<Answer>(res);
    expect(body).toMatchObject({ ok: true, intent: "create", formError: null });
    expect(body.created?.secret).toMatch(/^whsec_/);

    const disabled = await post(webhooksRoute, "/webhooks", { intent: "disable", id: body.created!.id });
    expect(disabled.status).toBe(200);
    expect(await jsonOf<Answer>(disabled)).toMatchObject({
      ok: true,
      intent: "disable",
      notice: expect.stringMatching(/^Endpoint disabled\./),
    });
  });
});

describe("uploads", () => {
  it("a refused file is the one shape, the message next to the file field and as `error`", async () => {
    const res = await post(uploadRoute, "/uploads", { purpose: "other", file: new File(["<html>"], "x.png", { type: "image/png" }) });
    expect(res.status).toBe(400);
    const body = await jsonOf<Answer>(res);
    expect(body.ok).toBe(false);
    expect(body.formError).toMatch(/not an accepted file type/);
    expect(body.errors.file).toEqual([body.formError]);
    expect(body.error).toBe(body.formError);
  });

  it("a missing purpose is said next to the purpose field", async () => {
    const res = await post(uploadRoute, "/uploads", { purpose: "selfies" });
    expect(res.status).toBe(400);
    const body = await jsonOf<Answer>(res);
    expect(body.errors.purpose).toEqual(["Say what the files are for: brand_kit, draft_media, logo or other."]);
  });

  it("a GET is 405 with Allow: POST, in the one shape", async () => {
    const res = await call(uploadRoute.loader, makeRequest(`/w/${world.a.slug}/uploads`, { cookie: owner }), { workspace: world.a.slug });
    expect(res.status).toBe(405);
    expect(res.headers.get("Allow")).toBe("POST");
    expect(await jsonOf<Answer>(res)).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/POST/),
      error: expect.stringMatching(/POST/),
    });
  });
});
