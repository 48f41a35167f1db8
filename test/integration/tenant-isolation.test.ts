import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, beforeAll } from "vitest";
import { acceptUpload } from "~/modules/uploads/uploads.server";
import { useTestDatabase } from "../support/db";
import { call, makeRequest, sessionCookie } from "../support/http";
import { buildWorld, type World } from "../support/world";
import { CAPABILITY_ROUTES, ROUTES, type RouteCase, type Who } from "./route-table";

/**
 * Property 16/17: every workspace route, for every outsider and every scoped member who is not
 * allowed, answers 404 exactly as if the thing did not exist. Capabilities add their routes to
 * ./route-table.ts and this test covers them.
 */
// Files are stored for real (local driver in a temp dir): a lookup that lost its workspace filter
// would then find the bytes and answer 200, so the cross-workspace 404s below mean something.
const dataDir = mkdtempSync(path.join(tmpdir(), "baton-isolation-"));
const t = useTestDatabase({ DATA_DIR: dataDir });
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]);
let world: World;
const cookies = {} as Record<Who, string>;
let ids: Record<string, string>;

beforeAll(async () => {
  world = await buildWorld(t.db);
  for (const who of Object.keys(world.users) as Who[]) cookies[who] = await sessionCookie(world.users[who].id);
  const fileA = await acceptUpload(new File([PNG], "a.png", { type: "image/png" }), {
    workspaceId: world.a.id,
    purpose: "other",
    uploadedBy: world.users.owner.id,
  });
  const fileB = await acceptUpload(new File([PNG], "b.png", { type: "image/png" }), {
    workspaceId: world.b.id,
    purpose: "other",
    uploadedBy: world.users.outsider.id,
  });
  ids = { fileA: fileA.id, fileB: fileB.id, brandX: world.brandX.id, brandY: world.brandY.id, brandB: world.brandB.id };
  for (const capability of CAPABILITY_ROUTES) Object.assign(ids, await capability.seedIds(t.db, world));
});

function resolve(route: RouteCase) {
  const params: Record<string, string> = { workspace: world.a.slug };
  for (const [k, v] of Object.entries(route.params ?? {})) params[k] = ids[v] ?? v;
  let path = route.path.replace(":workspace", world.a.slug);
  for (const [k, v] of Object.entries(params)) path = path.replace(`:${k}`, v);
  return { params, path };
}

describe.each(ROUTES)("$name", (route) => {
  it("answers 404 to a member of another workspace", async () => {
    const { params, path } = resolve(route);
    const mod = await route.load();
    const fn = route.method === "POST" ? mod.action : mod.loader;
    const res = await call(
      fn!,
      makeRequest(path, { method: route.method, cookie: cookies.outsider, form: route.method === "POST" ? (route.form ?? {}) : undefined }),
      params,
    );
    expect(res.status).toBe(404);
  });

  if (route.denied?.length)
    it.each(route.denied)("answers 404 to %s (outside the role's scope)", async (who) => {
      const { params, path } = resolve(route);
      const mod = await route.load();
      const fn = route.method === "POST" ? mod.action : mod.loader;
      const res = await call(
        fn!,
        makeRequest(path, { method: route.method, cookie: cookies[who], form: route.method === "POST" ? (route.form ?? {}) : undefined }),
        params,
      );
      expect(res.status).toBe(404);
    });

  if (route.method === "GET" && route.allowed.length)
    it.each(route.allowed)("lets %s in", async (who) => {
      const { params, path } = resolve(route);
      const mod = await route.load();
      const res = await call(mod.loader!, makeRequest(path, { cookie: cookies[who] }), params);
      expect(res.status).toBeLessThan(400);
    });
});

describe("object ids are not enough (17)", () => {
  it("each owner downloads their own workspace's file (the bytes are really stored)", async () => {
    const mod = await import("~/routes/w.$workspace.files.$fileId");
    for (const [slug, fileId, cookie] of [
      [world.a.slug, ids.fileA, cookies.owner],
      [world.b.slug, ids.fileB, cookies.outsider],
    ]) {
      const res = await call(mod.loader, makeRequest(`/w/${slug}/files/${fileId}`, { cookie }), { workspace: slug, fileId });
      expect(res.status).toBe(200);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG);
    }
  });

  it("a file of workspace B asked for under workspace A is 404 even for A's owner", async () => {
    const mod = await import("~/routes/w.$workspace.files.$fileId");
    const res = await call(mod.loader, makeRequest(`/w/${world.a.slug}/files/${ids.fileB}`, { cookie: cookies.owner }), {
      workspace: world.a.slug,
      fileId: ids.fileB,
    });
    expect(res.status).toBe(404);
  });

  it("B's owner cannot reach A's file through B's slug", async () => {
    const mod = await import("~/routes/w.$workspace.files.$fileId");
    const res = await call(mod.loader, makeRequest(`/w/${world.b.slug}/files/${ids.fileA}`, { cookie: cookies.outsider }), {
      workspace: world.b.slug,
      fileId: ids.fileA,
    });
    expect(res.status).toBe(404);
  });
});
