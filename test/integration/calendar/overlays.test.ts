import { and, eq, gt } from "drizzle-orm";
import { DateTime } from "luxon";
import { delay, http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, calendarOverlayEvents, calendarOverlays, jobs } from "@db/schema";
import { OVERLAY_REFRESH_JOB, OVERLAYS_DAILY_JOB, queueOverlayRefreshes } from "~/modules/calendar/overlay-jobs.server";
import { addOverlayFromUrl, refreshOverlay } from "~/modules/calendar/overlay-sources.server";
import { jobHandlers } from "~/modules/jobs/handlers.server";
import { runDueJobs } from "~/modules/jobs/worker.server";
import { useTestDatabase } from "../../support/db";
import { call, jsonOf, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { memberContext } from "../services/helpers";
import { CAL_HOST, holidaysIcs, icsHeaders } from "./overlay-fixtures";

/**
 * Holiday and event overlays (issue 21 part 3, decision 067) through the overlays page's action:
 * from an uploaded file or an address read through the webhooks' address guard (2 MB, 10 s), with
 * the calendar servers played by MSW; refresh keeps the last good events on failure; the daily job;
 * who may; and one workspace's overlays never reach another's.
 */
const t = useTestDatabase({ ALLOW_PRIVATE_WEBHOOKS: false });
let world: World;
const cookie = {} as Record<"owner" | "coordinator" | "brandLead" | "agencyMember" | "outsider", string>;

/** What the calendar servers saw: a refused address must never be asked. */
const asked: string[] = [];
const calendars = setupServer(
  http.get(
    `${CAL_HOST}/holidays.ics`,
    () =>
      new HttpResponse(
        holidaysIcs([
          ["May Day", 3],
          ["Founders' Day", 10],
        ]),
        { headers: icsHeaders },
      ),
  ),
  http.get(`${CAL_HOST}/missing.ics`, () => new HttpResponse("Not here", { status: 404 })),
  http.get(`${CAL_HOST}/page.html`, () => HttpResponse.html("<!doctype html><title>Sign in</title><p>Sign in to see this calendar</p>")),
  // Over 2 MB, said up front by Content-Length.
  http.get(
    `${CAL_HOST}/big.ics`,
    () => new HttpResponse(new Uint8Array(2_000_001), { headers: { ...icsHeaders, "content-length": "2000001" } }),
  ),
  // Over 2 MB in chunks, with no length given: only counting while reading catches it.
  http.get(`${CAL_HOST}/endless.ics`, () => {
    const chunk = new TextEncoder().encode(`${"X".repeat(99_999)}\n`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ >= 100)
          controller.close(); // 10 MB if nobody stops reading
        else controller.enqueue(chunk);
      },
    });
    return new HttpResponse(body, { headers: icsHeaders });
  }),
  http.get(`${CAL_HOST}/slow.ics`, async () => {
    await delay(5_000);
    return new HttpResponse(holidaysIcs([["Late", 1]]), { headers: icsHeaders });
  }),
  http.get(`${CAL_HOST}/moved.ics`, () => new HttpResponse(null, { status: 301, headers: { location: "/holidays.ics" } })),
  http.get(`${CAL_HOST}/to-private.ics`, () => new HttpResponse(null, { status: 302, headers: { location: "https://10.1.2.3/cal.ics" } })),
);
calendars.events.on("request:start", ({ request }) => void asked.push(request.url));

beforeAll(async () => {
  calendars.listen({ onUnhandledRequest: "error" });
  world = await buildWorld(t.db);
  for (const who of Object.keys(cookie).concat([
    "owner",
    "coordinator",
    "brandLead",
    "agencyMember",
    "outsider",
  ]) as (keyof typeof cookie)[])
    cookie[who] = await sessionCookie(world.users[who].id);
});
afterEach(() => calendars.resetHandlers());
afterAll(() => calendars.close());
beforeEach(async () => {
  asked.length = 0;
  await t.db.delete(calendarOverlays);
});

const route = () => import("~/routes/w.$workspace.calendar_.overlays");

async function post(who: keyof typeof cookie, form: Record<string, string | Blob>, slug = world.a.slug) {
  const { action } = await route();
  return call(action, makeRequest(`/w/${slug}/calendar/overlays`, { cookie: cookie[who], form }), { workspace: slug });
}

type Answer = { ok: boolean; notice: string | null; formError: string | null; errors: Record<string, string[]> };
const answerOf = (res: Response) => jsonOf<Answer>(res);

const overlaysIn = (workspaceId: string) => t.db.select().from(calendarOverlays).where(eq(calendarOverlays.workspaceId, workspaceId));
const titlesOf = async (overlayId: string) =>
  (await t.db.select().from(calendarOverlayEvents).where(eq(calendarOverlayEvents.overlayId, overlayId))).map((e) => e.title).sort();

async function auditSince(id: number) {
  return t.db.select().from(auditEvents).where(gt(auditEvents.id, id)).orderBy(auditEvents.id);
}
async function lastAuditId() {
  const rows = await t.db.select({ id: auditEvents.id }).from(auditEvents).orderBy(auditEvents.id);
  return rows.at(-1)?.id ?? 0;
}

async function addUrl(url: string, name = "Holidays") {
  const res = await post("coordinator", { intent: "add-url", name, url });
  return { res, body: await answerOf(res) };
}

describe("an overlay from an address", () => {
  it("is read, its events stored and shown on the month view, with one audit event naming only the host", async () => {
    const before = await lastAuditId();
    const { res, body } = await addUrl(`${CAL_HOST}/holidays.ics`);
    expect(res.status).toBe(200);
    expect(body.notice).toBe("“Holidays” added with 2 events.");
    const [overlay] = await overlaysIn(world.a.id);
    expect(overlay).toMatchObject({ name: "Holidays", source: "url", url: `${CAL_HOST}/holidays.ics`, eventCount: 2, lastError: null });
    expect(overlay.lastFetchedAt).toBeInstanceOf(Date);
    expect(await titlesOf(overlay.id)).toEqual(["Founders' Day", "May Day"]);
    const written = await auditSince(before);
    expect(written.map((e) => [e.action, e.objectId, e.workspaceId])).toEqual([["calendar.overlay_added", overlay.id, world.a.id]]);
    expect(written[0].data).toEqual({ name: "Holidays", source: "url", host: "93.184.216.34", eventCount: 2 });

    // Every member sees it on the month view, a creator too.
    const { loader } = await import("~/routes/w.$workspace.calendar");
    const month = DateTime.utc().plus({ days: 3 }).toFormat("yyyy-LL");
    for (const c of [cookie.coordinator, await sessionCookie(world.users.creator.id)]) {
      const page = await call(loader, makeRequest(`/w/${world.a.slug}/calendar?month=${month}`, { cookie: c }), {
        workspace: world.a.slug,
      });
      const data = await jsonOf<{ context: { overlays: { title: string; source: string }[] } }>(page);
      expect(data.context.overlays).toContainEqual(expect.objectContaining({ title: "May Day", source: "Holidays" }));
    }
  });

  it("follows a redirect to another checked address, and reads webcal:// as https://", async () => {
    expect((await addUrl(`${CAL_HOST}/moved.ics`, "Moved")).body.ok).toBe(true);
    expect(asked).toEqual([`${CAL_HOST}/moved.ics`, `${CAL_HOST}/holidays.ics`]);
    expect((await addUrl("webcal://93.184.216.34/holidays.ics", "Webcal")).body.ok).toBe(true);
    expect((await overlaysIn(world.a.id)).map((o) => o.url).sort()).toEqual([`${CAL_HOST}/holidays.ics`, `${CAL_HOST}/moved.ics`]);
  });

  const refusals: Array<[string, string, RegExp]> = [
    ["a 404", `${CAL_HOST}/missing.ics`, /answered 404: there is no calendar at that address/],
    ["a page that is not iCalendar", `${CAL_HOST}/page.html`, /not an iCalendar file/],
    ["a body over 2 MB by its length", `${CAL_HOST}/big.ics`, /larger than 2 MB/],
    ["a chunked body that grows past 2 MB", `${CAL_HOST}/endless.ics`, /larger than 2 MB/],
  ];
  it.each(refusals)("refuses %s beside the address field, and keeps nothing", async (_name, url, message) => {
    const before = await lastAuditId();
    const { res, body } = await addUrl(url);
    expect(res.status).toBe(400);
    expect(body.errors.url?.[0]).toMatch(message);
    expect(await overlaysIn(world.a.id)).toEqual([]);
    expect(await auditSince(before)).toEqual([]);
  });

  const guarded: Array<[string, string, RegExp]> = [
    ["plain http", "http://93.184.216.34/holidays.ics", /starting with https:\/\//],
    ["loopback", "https://127.0.0.1/holidays.ics", /private network/],
    ["cloud metadata", "https://169.254.169.254/latest/meta-data", /private network/],
    ["a private IPv6 form", "https://[::ffff:10.0.0.1]/cal.ics", /private network/],
  ];
  it.each(guarded)("refuses %s through the address guard without asking it", async (_name, url, message) => {
    const { res, body } = await addUrl(url);
    expect(res.status).toBe(400);
    expect(body.errors.url?.[0]).toMatch(message);
    expect(asked).toEqual([]);
  });

  it("checks every hop: a redirect into a private network is refused before it is followed", async () => {
    const { body } = await addUrl(`${CAL_HOST}/to-private.ics`);
    expect(body.errors.url?.[0]).toMatch(/private network/);
    expect(asked).toEqual([`${CAL_HOST}/to-private.ics`]);
  });

  it("checks the addresses a host name resolves to (one private answer is enough to refuse)", async () => {
    const ctx = await memberContext(world.users.coordinator.id, world.a.slug);
    const rebinding = async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "192.168.1.20", family: 4 },
    ];
    const result = await addOverlayFromUrl(ctx, { name: "Sneaky", url: "https://calendar.example.test/cal.ics" }, { resolve: rebinding });
    expect(result.ok ? null : result.problem.fields?.url?.[0]).toMatch(/private network/);
    expect(asked).toEqual([]);
  });

  it("gives up on a server slower than the time allowed (10 s in production, shortened here)", async () => {
    const ctx = await memberContext(world.users.coordinator.id, world.a.slug);
    const started = Date.now();
    const result = await addOverlayFromUrl(ctx, { name: "Slow", url: `${CAL_HOST}/slow.ics` }, { timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(result.ok ? null : result.problem.fields?.url?.[0]).toBe("The calendar's server did not answer within 0.3 s.");
    expect(await overlaysIn(world.a.id)).toEqual([]);
  });

  it("gives up on a body that starts and then stalls, within the same time", async () => {
    calendars.use(
      http.get(`${CAL_HOST}/stall.ics`, () => {
        const body = new ReadableStream<Uint8Array>({
          async start(controller) {
            controller.enqueue(new TextEncoder().encode("BEGIN:VCALENDAR\r\n"));
            await delay(5_000);
            controller.close();
          },
        });
        return new HttpResponse(body, { headers: icsHeaders });
      }),
    );
    const ctx = await memberContext(world.users.coordinator.id, world.a.slug);
    const result = await addOverlayFromUrl(ctx, { name: "Stall", url: `${CAL_HOST}/stall.ics` }, { timeoutMs: 300 });
    expect(result.ok ? null : result.problem.code).toBe("timeout");
  });
});

describe("an overlay from a file", () => {
  const file = (text: string | Uint8Array<ArrayBuffer>, name = "holidays.ics") => new File([text], name, { type: "text/calendar" });

  it("is read from the upload, with one audit event", async () => {
    const before = await lastAuditId();
    const res = await post("owner", { intent: "add-file", name: "Bank holidays", file: file(holidaysIcs([["Boxing Day", 5]])) });
    expect(res.status).toBe(200);
    const [overlay] = await overlaysIn(world.a.id);
    expect(overlay).toMatchObject({ name: "Bank holidays", source: "file", url: null, eventCount: 1 });
    expect(await titlesOf(overlay.id)).toEqual(["Boxing Day"]);
    expect((await auditSince(before)).map((e) => [e.action, e.data])).toEqual([
      ["calendar.overlay_added", { name: "Bank holidays", source: "file", host: null, eventCount: 1 }],
    ]);
  });

  it("refuses a file over 2 MB, one that is not iCalendar, and no file, beside the file field", async () => {
    const big = await post("owner", { intent: "add-file", name: "Huge", file: file(new Uint8Array(2_000_001)) });
    expect(big.status).toBe(400);
    expect((await answerOf(big)).errors.file).toEqual(["The file is larger than 2 MB."]);
    const notIcs = await post("owner", { intent: "add-file", name: "Notes", file: file("Just some notes", "notes.ics") });
    expect(notIcs.status).toBe(400);
    expect((await answerOf(notIcs)).errors.file?.[0]).toMatch(/not an iCalendar file/);
    const none = await post("owner", { intent: "add-file", name: "Nothing", file: file("", "") });
    expect(none.status).toBe(400);
    expect((await answerOf(none)).errors.file).toEqual(["Choose an .ics file to upload."]);
    expect(await overlaysIn(world.a.id)).toEqual([]);
  });

  it("is not refreshed (there is nothing to read again)", async () => {
    await post("owner", { intent: "add-file", name: "Bank holidays", file: file(holidaysIcs([["Boxing Day", 5]])) });
    const [overlay] = await overlaysIn(world.a.id);
    const res = await post("owner", { intent: "refresh", overlayId: overlay.id });
    expect(res.status).toBe(400);
    expect((await answerOf(res)).formError).toMatch(/upload the new file/);
  });
});

describe("refresh and remove", () => {
  it("Refresh now replaces the events; a failed refresh keeps them and says why, each with one audit event", async () => {
    await addUrl(`${CAL_HOST}/holidays.ics`);
    const [overlay] = await overlaysIn(world.a.id);

    calendars.use(
      http.get(`${CAL_HOST}/holidays.ics`, () => new HttpResponse(holidaysIcs([["New Year", 20]], "n"), { headers: icsHeaders })),
    );
    let before = await lastAuditId();
    const good = await post("coordinator", { intent: "refresh", overlayId: overlay.id });
    expect(good.status).toBe(200);
    expect((await answerOf(good)).notice).toBe("“Holidays” read again: 1 event.");
    expect(await titlesOf(overlay.id)).toEqual(["New Year"]);
    expect((await auditSince(before)).map((e) => [e.action, e.data])).toEqual([
      ["calendar.overlay_refreshed", { name: "Holidays", eventCount: 1 }],
    ]);

    calendars.use(http.get(`${CAL_HOST}/holidays.ics`, () => new HttpResponse("Oops", { status: 500 })));
    before = await lastAuditId();
    const bad = await post("coordinator", { intent: "refresh", overlayId: overlay.id });
    expect(bad.status).toBe(400);
    expect((await answerOf(bad)).formError).toMatch(/could not be read: The calendar's server answered 500.*last good read stay/);
    const [after] = await overlaysIn(world.a.id);
    expect(after).toMatchObject({ eventCount: 1, lastError: "The calendar's server answered 500 instead of the calendar." });
    expect(await titlesOf(overlay.id)).toEqual(["New Year"]);
    const [event] = await auditSince(before);
    expect([event.action, event.data]).toEqual(["calendar.overlay_refreshed", { name: "Holidays", error: after.lastError }]);

    // The next good read clears the error.
    calendars.resetHandlers();
    expect((await post("coordinator", { intent: "refresh", overlayId: overlay.id })).status).toBe(200);
    expect((await overlaysIn(world.a.id))[0]).toMatchObject({ lastError: null, eventCount: 2 });
  });

  it("Remove deletes the overlay and its events with one audit event; a second remove is 404", async () => {
    await addUrl(`${CAL_HOST}/holidays.ics`);
    const [overlay] = await overlaysIn(world.a.id);
    const before = await lastAuditId();
    const res = await post("owner", { intent: "remove", overlayId: overlay.id });
    expect(res.status).toBe(200);
    expect((await answerOf(res)).notice).toBe("“Holidays” removed from the calendar.");
    expect(await overlaysIn(world.a.id)).toEqual([]);
    expect(await t.db.select().from(calendarOverlayEvents).where(eq(calendarOverlayEvents.overlayId, overlay.id))).toEqual([]);
    expect((await auditSince(before)).map((e) => e.action)).toEqual(["calendar.overlay_removed"]);
    expect((await post("owner", { intent: "remove", overlayId: overlay.id })).status).toBe(404);
  });
});

describe("who may", () => {
  it("the page lists the overlays for the team, and is 404 to a brand lead, an agency member and an outsider", async () => {
    await addUrl(`${CAL_HOST}/holidays.ics`);
    const { loader } = await route();
    const page = await call(loader, makeRequest(`/w/${world.a.slug}/calendar/overlays`, { cookie: cookie.coordinator }), {
      workspace: world.a.slug,
    });
    const data = await jsonOf<{ overlays: { name: string; host: string; eventCount: number; lastRead: string | null }[] }>(page);
    expect(data.overlays).toMatchObject([{ name: "Holidays", host: "93.184.216.34", eventCount: 2 }]);
    expect(data.overlays[0].lastRead).toMatch(/^\d{1,2} \w{3} \d{4}, \d{2}:\d{2}$/);
    for (const who of ["brandLead", "agencyMember", "outsider"] as const) {
      const res = await call(loader, makeRequest(`/w/${world.a.slug}/calendar/overlays`, { cookie: cookie[who] }), {
        workspace: world.a.slug,
      });
      expect(res.status, who).toBe(404);
    }
  });

  it("a member without calendar.overlays cannot add, refresh or remove (404), and nothing is asked or changed", async () => {
    await addUrl(`${CAL_HOST}/holidays.ics`);
    const [overlay] = await overlaysIn(world.a.id);
    asked.length = 0;
    for (const who of ["brandLead", "agencyMember"] as const) {
      expect((await post(who, { intent: "add-url", name: "Mine", url: `${CAL_HOST}/holidays.ics` })).status).toBe(404);
      expect((await post(who, { intent: "refresh", overlayId: overlay.id })).status).toBe(404);
      expect((await post(who, { intent: "remove", overlayId: overlay.id })).status).toBe(404);
    }
    expect(asked).toEqual([]);
    expect((await overlaysIn(world.a.id)).map((o) => o.id)).toEqual([overlay.id]);
  });

  it("another workspace's overlay is 404 to refresh or remove, and its events never show on this calendar", async () => {
    const theirs = await post("outsider", { intent: "add-url", name: "B's holidays", url: `${CAL_HOST}/holidays.ics` }, world.b.slug);
    expect(theirs.status).toBe(200);
    const [overlayB] = await overlaysIn(world.b.id);
    expect((await post("owner", { intent: "refresh", overlayId: overlayB.id })).status).toBe(404);
    expect((await post("owner", { intent: "remove", overlayId: overlayB.id })).status).toBe(404);
    expect(await overlaysIn(world.b.id)).toHaveLength(1);
    const ctx = await memberContext(world.users.owner.id, world.a.slug);
    expect((await refreshOverlay(ctx, overlayB.id)).ok).toBe(false);

    const { loader } = await import("~/routes/w.$workspace.calendar");
    const page = await call(loader, makeRequest(`/w/${world.a.slug}/calendar`, { cookie: cookie.owner }), { workspace: world.a.slug });
    expect((await jsonOf<{ context: { overlays: unknown[] } }>(page)).context.overlays).toEqual([]);
    const list = await call((await route()).loader, makeRequest(`/w/${world.a.slug}/calendar/overlays`, { cookie: cookie.owner }), {
      workspace: world.a.slug,
    });
    expect((await jsonOf<{ overlays: unknown[] }>(list)).overlays).toEqual([]);
  });
});

describe("bad input (20)", () => {
  it.each([
    ["an unknown intent", { intent: "explode" }, "intent"],
    ["an address without a name", { intent: "add-url", name: "", url: `${CAL_HOST}/holidays.ics` }, "name"],
    ["an address that is not one", { intent: "add-url", name: "Holidays", url: "not a url" }, "url"],
    ["an overlong address", { intent: "add-url", name: "Holidays", url: `https://a.example/${"x".repeat(2001)}` }, "url"],
    ["a file form without a file", { intent: "add-file", name: "Holidays" }, "file"],
    ["an overlay id that is not one", { intent: "refresh", overlayId: "x" }, "overlayId"],
    ["a remove without an id", { intent: "remove" }, "overlayId"],
  ])("answers 400 to %s, naming the field", async (_name, form, field) => {
    const res = await post("coordinator", form as Record<string, string>);
    expect(res.status).toBe(400);
    expect(Object.keys((await answerOf(res)).errors)).toContain(field);
    expect(asked).toEqual([]);
  });
});

describe("the daily refresh", () => {
  it("queues one read per address overlay (not files), reads each, keeps the last good events on failure, and writes no audit", async () => {
    await addUrl(`${CAL_HOST}/holidays.ics`, "Good");
    calendars.use(http.get(`${CAL_HOST}/flaky.ics`, () => new HttpResponse(holidaysIcs([["Flaky day", 2]], "f"), { headers: icsHeaders })));
    await addUrl(`${CAL_HOST}/flaky.ics`, "Flaky");
    await post("owner", { intent: "add-file", name: "File", file: new File([holidaysIcs([["Filed", 4]])], "f.ics") });
    const byName = async () => Object.fromEntries((await overlaysIn(world.a.id)).map((o) => [o.name, o]));
    const first = await byName();

    await t.db.delete(jobs);
    const now = new Date(Date.now() + 1000);
    expect(await queueOverlayRefreshes(now)).toBe(2);
    const queued = await t.db.select().from(jobs);
    expect(
      queued
        .filter((j) => j.kind === OVERLAY_REFRESH_JOB)
        .map((j) => (j.payload as { overlayId: string }).overlayId)
        .sort(),
    ).toEqual([first.Good.id, first.Flaky.id].sort());
    // The chain goes on: tomorrow's run is queued, and asking again the same day queues nothing twice.
    expect(queued.filter((j) => j.kind === OVERLAYS_DAILY_JOB)).toHaveLength(1);
    await queueOverlayRefreshes(now);
    expect(await t.db.select().from(jobs).where(eq(jobs.kind, OVERLAY_REFRESH_JOB))).toHaveLength(2);

    // Today the good calendar has a new event and the flaky one is down.
    calendars.use(
      http.get(`${CAL_HOST}/holidays.ics`, () => new HttpResponse(holidaysIcs([["Only today", 1]], "t"), { headers: icsHeaders })),
      http.get(`${CAL_HOST}/flaky.ics`, () => new HttpResponse("down", { status: 503 })),
    );
    const before = await lastAuditId();
    await runDueJobs(jobHandlers, { now: new Date(now.getTime() + 1000) });
    const after = await byName();
    expect(await titlesOf(after.Good.id)).toEqual(["Only today"]);
    expect(after.Good).toMatchObject({ lastError: null, eventCount: 1 });
    expect(after.Good.lastFetchedAt!.getTime()).toBeGreaterThan(first.Good.lastFetchedAt!.getTime());
    expect(await titlesOf(after.Flaky.id)).toEqual(["Flaky day"]);
    expect(after.Flaky).toMatchObject({ lastError: "The calendar's server answered 503 instead of the calendar.", eventCount: 1 });
    expect(after.Flaky.lastFetchedAt).toEqual(first.Flaky.lastFetchedAt);
    expect(await titlesOf(after.File.id)).toEqual(["Filed"]);
    expect(await auditSince(before)).toEqual([]);
    const done = await t.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, OVERLAY_REFRESH_JOB), eq(jobs.status, "done")));
    expect(done).toHaveLength(2);
  });

  it("an overlay removed before its read is nothing to do", async () => {
    await addUrl(`${CAL_HOST}/holidays.ics`);
    await t.db.delete(jobs);
    await queueOverlayRefreshes(new Date());
    await t.db.delete(calendarOverlays);
    await runDueJobs(jobHandlers, { now: new Date(Date.now() + 1000) });
    const [job] = await t.db.select().from(jobs).where(eq(jobs.kind, OVERLAY_REFRESH_JOB));
    expect(job.status).toBe("done");
  });
});
