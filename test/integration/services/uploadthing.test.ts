import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { files } from "@db/schema";
import { UploadRefused, acceptUpload, fileResponse } from "~/modules/uploads/uploads.server";
import { useTestDatabase } from "../../support/db";
import { buildWorld, type World } from "../../support/world";

/**
 * With UPLOADTHING_TOKEN set, files go to UploadThing through its real SDK (UTApi); the provider's
 * HTTP is intercepted here, so the code path is the production one.
 */
const token = Buffer.from(JSON.stringify({ apiKey: "sk_test_baton", appId: "batonapp", regions: ["sea1"] })).toString("base64");
const t = useTestDatabase({ UPLOADTHING_TOKEN: token });

interface Put {
  url: URL;
  version: string | null;
  body: FormData;
}
const puts: Put[] = [];
const stored = new Map<string, Uint8Array>();
const server = setupServer(
  http.put("https://sea1.ingest.uploadthing.com/:key", async ({ request, params }) => {
    const body = await request.formData();
    puts.push({ url: new URL(request.url), version: request.headers.get("x-uploadthing-version"), body });
    const file = body.get("file") as File;
    stored.set(String(params.key), new Uint8Array(await file.arrayBuffer()));
    return HttpResponse.json({ ufsUrl: `https://batonapp.ufs.sh/f/${params.key}`, url: "", appUrl: "", fileHash: "h" });
  }),
  http.get("https://batonapp.ufs.sh/f/:key", ({ params }) => {
    const bytes = stored.get(String(params.key));
    return bytes
      ? new HttpResponse(bytes, { headers: { "content-type": "application/octet-stream" } })
      : new HttpResponse(null, { status: 404 });
  }),
);

let world: World;
beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  world = await buildWorld(t.db);
});
afterAll(() => server.close());
beforeEach(() => {
  puts.length = 0;
  stored.clear();
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 7, 7, 7]);

describe("UploadThing driver", () => {
  it("uploads the checked bytes to UploadThing's signed ingest URL and serves them back as an attachment", async () => {
    const row = await acceptUpload(new File([PNG], "logo.png", { type: "image/png" }), {
      workspaceId: world.a.id,
      purpose: "logo",
      uploadedBy: world.users.owner.id,
    });
    expect(puts).toHaveLength(1);
    const put = puts[0];
    expect(put.url.searchParams.get("signature")).toMatch(/^hmac-sha256=/);
    expect(put.url.searchParams.get("x-ut-identifier")).toBe("batonapp");
    expect(put.version).toBeTruthy();
    const sent = new Uint8Array(await (put.body.get("file") as File).arrayBuffer());
    expect(Array.from(sent)).toEqual(Array.from(PNG));
    // The stored name is random, never the client's file name.
    expect(put.url.searchParams.get("x-ut-file-name")).toMatch(/^[a-z0-9]+\.png$/);

    expect(row.driver).toBe("uploadthing");
    expect(row.storageKey).toBe(decodeURIComponent(put.url.pathname.slice(1)));
    const res = await fileResponse(row, false);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Array.from(new Uint8Array(await res.arrayBuffer()))).toEqual(Array.from(PNG));
  });

  it("refuses an HTML file renamed .png before anything is sent to UploadThing", async () => {
    const html = new TextEncoder().encode("<!doctype html><script>alert(1)</script>");
    const before = (await t.db.select().from(files)).length;
    await expect(
      acceptUpload(new File([html], "cat.png", { type: "image/png" }), { workspaceId: world.a.id, purpose: "other", uploadedBy: null }),
    ).rejects.toBeInstanceOf(UploadRefused);
    expect(puts).toHaveLength(0);
    expect((await t.db.select().from(files)).length).toBe(before);
  });
});
