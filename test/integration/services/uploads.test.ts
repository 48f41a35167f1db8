import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { files } from "@db/schema";
import { UploadRefused, acceptUpload, fileResponse } from "~/modules/uploads/uploads.server";
import { storage } from "~/modules/uploads/storage.server";
import * as uploadRoute from "~/routes/w.$workspace.uploads";
import * as fileRoute from "~/routes/w.$workspace.files.$fileId";
import { useTestDatabase } from "../../support/db";
import { call, jsonOf, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";

/** Items 25-27: content-checked uploads with a server-side size limit, served so nothing runs inline. */
const dataDir = mkdtempSync(path.join(tmpdir(), "baton-uploads-"));
const uploadDir = path.join(dataDir, "uploads");
const t = useTestDatabase({ DATA_DIR: dataDir, MAX_UPLOAD_MB: 1 });
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

let world: World;
let cookie: string;
beforeAll(async () => {
  world = await buildWorld(t.db);
  cookie = await sessionCookie(world.users.coordinator.id);
});
beforeEach(async () => {
  await t.db.delete(files);
  rmSync(uploadDir, { recursive: true, force: true });
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]);
const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n");
const HTML = new TextEncoder().encode("<!doctype html><html><body><script>fetch('/api/steal')</script></body></html>");
const SVG = new TextEncoder().encode(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
);

function upload(file: File, who: string | null = cookie) {
  const slug = world.a.slug;
  return call(uploadRoute.action, makeRequest(`/w/${slug}/uploads`, { cookie: who, form: { purpose: "other", file } }), {
    workspace: slug,
  });
}

function download(id: string, inline: boolean) {
  const slug = world.a.slug;
  return call(fileRoute.loader, makeRequest(`/w/${slug}/files/${id}${inline ? "?inline=1" : ""}`, { cookie }), {
    workspace: slug,
    fileId: id,
  });
}

function storedFiles(): string[] {
  try {
    return readdirSync(uploadDir);
  } catch {
    return [];
  }
}

const ctx = () => ({ workspaceId: world.a.id, purpose: "other", uploadedBy: world.users.coordinator.id });

describe("type checked by content (25)", () => {
  it("refuses an HTML file renamed .png, at the route and in acceptUpload, and stores nothing", async () => {
    const res = await upload(new File([HTML], "cute-cat.png", { type: "image/png" }));
    expect(res.status).toBe(400);
    expect((await jsonOf<{ error: string }>(res)).error).toMatch(/not an accepted file type/);

    const refused = acceptUpload(new File([HTML], "cute-cat.png", { type: "image/png" }), ctx());
    await expect(refused).rejects.toBeInstanceOf(UploadRefused);
    await expect(refused).rejects.toMatchObject({ problem: { kind: "invalid" }, tooLarge: false });

    expect(await t.db.select().from(files)).toHaveLength(0);
    expect(storedFiles()).toEqual([]);
  });

  it("refuses an SVG at upload, whatever it is called", async () => {
    for (const [name, type] of [
      ["logo.svg", "image/svg+xml"],
      ["logo.png", "image/png"],
    ]) {
      const res = await upload(new File([SVG], name, { type }));
      expect(res.status).toBe(400);
      await expect(acceptUpload(new File([SVG], name, { type }), ctx())).rejects.toMatchObject({
        problem: { kind: "invalid" },
        tooLarge: false,
      });
    }
    expect(await t.db.select().from(files)).toHaveLength(0);
  });

  it("accepts a real PNG (named .txt) by its content and stores it under a random name", async () => {
    const res = await upload(new File([PNG], "../../etc/passwd.txt", { type: "text/plain" }));
    expect(res.status).toBe(200);
    const body = await jsonOf<{ files: Array<{ id: string; mime: string; name: string }> }>(res);
    expect(body.files).toHaveLength(1);
    expect(body.files[0].mime).toBe("image/png");
    const [row] = await t.db.select().from(files).where(eq(files.id, body.files[0].id));
    expect(row).toMatchObject({
      workspaceId: world.a.id,
      mimeType: "image/png",
      size: PNG.byteLength,
      uploadedBy: world.users.coordinator.id,
    });
    expect(row.storageKey).toMatch(/^[a-z0-9]+\.png$/);
    expect(row.storageKey).not.toContain("passwd");
    expect(row.originalName).not.toContain("/");
    expect(storedFiles()).toEqual([row.storageKey]);
  });
});

describe("size limits are enforced on the server (25)", () => {
  it("refuses a file over MAX_UPLOAD_MB with 413 and stores nothing", async () => {
    const big = new Uint8Array(1_000_001 + 64 * 1024);
    big.set(PNG);
    const res = await upload(new File([big], "huge.png", { type: "image/png" }));
    expect(res.status).toBe(413);
    expect((await jsonOf<{ error: string }>(res)).error).toMatch(/larger than 1 MB/);

    const refused = acceptUpload(new File([big], "huge.png", { type: "image/png" }), ctx());
    await expect(refused).rejects.toMatchObject({ problem: { kind: "invalid" }, tooLarge: true });
    expect(await t.db.select().from(files)).toHaveLength(0);
    expect(storedFiles()).toEqual([]);
  });

  it("refuses an empty file", async () => {
    await expect(acceptUpload(new File([], "empty.png"), ctx())).rejects.toMatchObject({ problem: { kind: "invalid" }, tooLarge: false });
  });
});

describe("upload needs a session (26)", () => {
  it("sends an anonymous upload to sign in and stores nothing", async () => {
    const res = await upload(new File([PNG], "a.png", { type: "image/png" }), null);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login/);
    expect(await t.db.select().from(files)).toHaveLength(0);
  });
});

describe("served as attachments with nosniff and a sandbox CSP (27)", () => {
  function expectHardened(res: Response) {
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Content-Security-Policy")).toMatch(/default-src 'none'/);
    expect(res.headers.get("Content-Security-Policy")).toMatch(/sandbox/);
  }

  it("a PDF is always an attachment, even when asked for inline", async () => {
    const row = await acceptUpload(new File([PDF], "brief.pdf", { type: "application/pdf" }), ctx());
    for (const inline of [false, true]) {
      const res = await download(row.id, inline);
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("application/pdf");
      expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="brief\.pdf"$/);
      expectHardened(res);
    }
  });

  it("a verified raster image may be previewed inline, still with nosniff and the sandbox CSP", async () => {
    const row = await acceptUpload(new File([PNG], "pic.png", { type: "image/png" }), ctx());
    const inline = await download(row.id, true);
    expect(inline.headers.get("Content-Disposition")).toMatch(/^inline;/);
    expectHardened(inline);
    const attached = await download(row.id, false);
    expect(attached.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    expectHardened(attached);
    expect(new Uint8Array(await attached.arrayBuffer())).toEqual(PNG);
  });

  it("an SVG or HTML row that got into the table anyway is never served inline", async () => {
    for (const [mimeType, bytes, ext] of [
      ["image/svg+xml", SVG, "svg"],
      ["text/html", HTML, "html"],
    ] as const) {
      const key = `legacy${ext}.${ext}`;
      await storage().put(key, bytes, mimeType);
      const [row] = await t.db
        .insert(files)
        .values({
          workspaceId: world.a.id,
          storageKey: key,
          driver: "local",
          originalName: `x.${ext}`,
          mimeType,
          size: bytes.byteLength,
          purpose: "other",
        })
        .returning();
      for (const inline of [true, false]) {
        const res = await fileResponse(row, inline);
        expect(res.headers.get("Content-Disposition")).toMatch(/^attachment;/);
        expectHardened(res);
      }
    }
  });
});
