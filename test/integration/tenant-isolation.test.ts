import { describe, expect, it, beforeAll } from "vitest";
import { files } from "@db/schema";
import { useTestDatabase } from "../support/db";
import { call, makeRequest, sessionCookie } from "../support/http";
import { buildWorld, type World } from "../support/world";
import { CAPABILITY_ROUTES, ROUTES, type RouteCase, type Who } from "./route-table";

/**
 * Property 16/17: every workspace route, for every outsider and every scoped member who is not
 * allowed, answers 404 exactly as if the thing did not exist. Capabilities add their routes to
 * ./route-table.ts and this test covers them.
 */
const t = useTestDatabase();
let world: World;
const cookies = {} as Record<Who, string>;
let ids: Record<string, string>;

beforeAll(async () => {
  world = await buildWorld(t.db);
  for (const who of Object.keys(world.users) as Who[]) cookies[who] = await sessionCookie(world.users[who].id);
  const [fileA] = await t.db.insert(files).values({ workspaceId: world.a.id, storageKey: "none.png", driver: "local", originalName: "a.png", mimeType: "image/png", size: 1, purpose: "other" }).returning();
  const [fileB] = await t.db.insert(files).values({ workspaceId: world.b.id, storageKey: "none.png", driver: "local", originalName: "b.png", mimeType: "image/png", size: 1, purpose: "other" }).returning();
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
    const res = await call(fn!, makeRequest(path, { method: route.method, cookie: cookies.outsider, form: route.method === "POST" ? route.form ?? {} : undefined }), params);
    expect(res.status).toBe(404);
  });

  if (route.denied?.length) it.each(route.denied)("answers 404 to %s (outside the role's scope)", async (who) => {
    const { params, path } = resolve(route);
    const mod = await route.load();
    const fn = route.method === "POST" ? mod.action : mod.loader;
    const res = await call(fn!, makeRequest(path, { method: route.method, cookie: cookies[who], form: route.method === "POST" ? route.form ?? {} : undefined }), params);
    expect(res.status).toBe(404);
  });

  if (route.method === "GET" && route.allowed.length) it.each(route.allowed)("lets %s in", async (who) => {
    const { params, path } = resolve(route);
    const mod = await route.load();
    const res = await call(mod.loader!, makeRequest(path, { cookie: cookies[who] }), params);
    expect(res.status).toBeLessThan(400);
  });
});

describe("object ids are not enough (17)", () => {
  it("a file of workspace B asked for under workspace A is 404 even for A's owner", async () => {
    const mod = await import("~/routes/w.$workspace.files.$fileId");
    const res = await call(mod.loader, makeRequest(`/w/${world.a.slug}/files/${ids.fileB}`, { cookie: cookies.owner }), { workspace: world.a.slug, fileId: ids.fileB });
    expect(res.status).toBe(404);
  });

  it("B's owner cannot reach A's file through B's slug", async () => {
    const mod = await import("~/routes/w.$workspace.files.$fileId");
    const res = await call(mod.loader, makeRequest(`/w/${world.b.slug}/files/${ids.fileA}`, { cookie: cookies.outsider }), { workspace: world.b.slug, fileId: ids.fileA });
    expect(res.status).toBe(404);
  });
});
