import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { handoffFacts } from "@db/schema";
import { CSV_TABLES } from "~/modules/insights/csv-tables";
import type { World } from "../../support/world";
import { useTestDatabase } from "../../support/db";
import { call, makeRequest, sessionCookie } from "../../support/http";
import { H, runScriptedWeek, Z } from "./scripted-week";

/**
 * Issue 16, done when: the scripted week (scripted-week.ts, the real actions on a controlled clock)
 * read through the insights page's loader and its CSV route, each figure checked against the
 * values worked out by hand in scripted-history.test.ts, in the units each shows them in.
 */

const t = useTestDatabase();
const page = () => import("~/routes/w.$workspace.insights._index");
const csvRoute = () => import("~/routes/w.$workspace.insights[.]csv");
const stuckRoute = () => import("~/routes/w.$workspace.insights.stuck");
const WEEK = "from=2027-03-01&to=2027-03-07";

let world: World;
let cookies: Record<"coordinator" | "lead" | "creator", string>;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: Z("03-01T08:00:00") });
  ({ world } = await runScriptedWeek(t));
  cookies = {
    coordinator: await sessionCookie(world.users.coordinator.id),
    lead: await sessionCookie(world.users.brandLead.id),
    creator: await sessionCookie(world.users.creator.id),
  };
}, 180_000);
afterAll(() => vi.useRealTimers());

async function load(route: typeof page | typeof csvRoute | typeof stuckRoute, path: string, who: keyof typeof cookies = "coordinator") {
  const { loader } = await route();
  return call(loader, makeRequest(`/w/${world.a.slug}${path}`, { cookie: cookies[who] }), { workspace: world.a.slug });
}

/** RFC 4180 read back: quoted cells may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ",") {
      row.push(cell);
      cell = "";
    } else if (!quoted && c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

async function csv(path: string, who: keyof typeof cookies = "coordinator") {
  const res = await load(csvRoute, path, who);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  const text = await res.text();
  const [header, ...rows] = parseCsv(text);
  return { header, rows, text, byFirst: new Map(rows.map((r) => [r[0], r])) };
}

type PageData = {
  headlines: {
    items: { key: string; value: number | null; basis: string; aside: string | null; change: number | null; trend: string | null }[];
  }[];
  charts: { metric: string; rows: { key: string; value: number | null; n: number; text: string }[]; description: string }[];
  breakdowns: {
    brand: { rows: { name: string }[]; total: number };
    agency: { rows: { name: string; values: Record<string, { value: number | null }> }[]; total: number };
  };
  stages: { name: string; count: number; median: number }[];
  platforms: { name: string; median: number }[];
  stuck: { total: number; holders: number };
};

describe("the insights page and its CSV, for the scripted week", () => {
  it("shows every headline figure worked out by hand, with what it stands on", async () => {
    const res = await load(page, `/insights?${WEEK}`);
    expect(res.status).toBe(200);
    const data = (await res.json()) as PageData;
    const h = Object.fromEntries(data.headlines.flatMap((s) => s.items).map((i) => [i.key, i]));
    expect(Object.fromEntries(Object.entries(h).map(([k, v]) => [k, [v.value, v.basis]]))).toEqual({
      access_per_link: [30 * H, "Median of 1 link"],
      access_per_platform: [26 * H, "Median of 3 platform grants"],
      brief_acknowledgment: [2 * H, "Median of 2 acknowledgments"],
      approval_cycle: [11 * H, "Median of 3 deliverables"],
      time_in_stage: [2 * H, "Median of 9 stage decisions"],
      revision_rounds: [2 / 3, "Mean of 3 deliverables"],
      first_pass_rate: [1 / 3, "1 of 3 signed-off deliverables"],
      compliance_48h: [2 / 3, "2 of 3 deliverables going live"],
      on_time_drafts: [3 / 4, "3 of 4 first drafts"],
      late_submissions: [2, "Of 6 versions submitted"],
      open_conflicts: [2, "0 acknowledged; median age 74 h"],
      resolved_before_live: [4 / 6, "4 of 6 conflicts gone live"],
    });
    expect(h.compliance_48h.aside).toBe("1 override · 3 blocks");
    // The week before had nothing: only the counts compare (0 → 2 late, 0 → 2 open, both worse).
    expect(
      Object.values(h)
        .filter((v) => v.change !== null)
        .map((v) => [v.key, v.change, v.trend]),
    ).toEqual([
      ["late_submissions", 2, "worse"],
      ["open_conflicts", 2, "worse"],
    ]);
    // One ISO week in Berlin, 2027-W09; each chart row is the week's headline value.
    const cycle = data.charts.find((c) => c.metric === "approval_cycle")!;
    expect(cycle.rows).toEqual([{ key: "2027-W09", label: "1 Mar", value: 11 * H, n: 3, text: "11 h" }]);
    expect(cycle.description).toContain("Highest 11 h (1 Mar)");
    expect(data.charts.find((c) => c.metric === "compliance_48h")!.rows[0]).toMatchObject({ value: 2 / 3, n: 3, text: "67%" });
    expect(data.stages.map((s) => [s.name, s.count, s.median])).toEqual([
      ["1. Agency review", 5, 2 * H],
      ["2. Brand sign-off", 4, 2 * H],
    ]);
    expect(data.platforms.map((p) => [p.name, p.median])).toEqual([
      ["Google Analytics 4", 26 * H],
      ["Google Tag Manager", 30 * H],
      ["Meta ad account", 4 * H],
    ]);
    expect(data.breakdowns.brand.rows.map((b) => b.name)).toEqual(["Brand X"]);
    expect(data.breakdowns.brand.total).toBe(1);
    expect(data.breakdowns.agency.rows.map((a) => [a.name, a.values.compliance_48h.value])).toEqual([["Agency P", 2 / 3]]);
    // D6 and D5 are blocked past their deadlines, both for the campaign's coordinator to reschedule.
    expect(data.stuck).toEqual({ total: 2, holders: 1 });
  });

  it("gives the same figures in the CSV, in hours and percent, beside the counts they stand on", async () => {
    const headlines = await csv(`/insights.csv?table=headlines&${WEEK}`);
    expect(headlines.header).toEqual([
      "metric",
      "label",
      "figure",
      "unit",
      "value",
      "n",
      "previous_value",
      "previous_n",
      "change",
      "trend",
    ]);
    const value = (key: string) => [headlines.byFirst.get(key)![4], headlines.byFirst.get(key)![5]];
    expect(Object.fromEntries(headlines.rows.map((r) => [r[0], value(r[0])]))).toEqual({
      access_per_link: ["30", "1"],
      access_per_platform: ["26", "3"],
      brief_acknowledgment: ["2", "2"],
      approval_cycle: ["11", "3"],
      time_in_stage: ["2", "9"],
      revision_rounds: ["0.67", "3"],
      first_pass_rate: ["33.3", "3"],
      compliance_48h: ["66.7", "3"],
      on_time_drafts: ["75", "4"],
      late_submissions: ["2", "6"],
      open_conflicts: ["2", "2"],
      resolved_before_live: ["66.7", "6"],
    });
    // Previous week: 0 late of 0 (a count is a count even over nothing), so the change is +2, worse.
    expect(headlines.byFirst.get("late_submissions")!.slice(6)).toEqual(["0", "0", "2", "worse"]);
    expect(headlines.byFirst.get("approval_cycle")!.slice(6)).toEqual(["", "0", "", ""]);

    const weeks = await csv(`/insights.csv?table=weeks&${WEEK}`);
    expect(weeks.rows.map((r) => r.slice(0, 3))).toEqual([["2027-W09", "2027-03-01", "2027-03-07"]]);
    const col = (name: string) => weeks.rows[0][weeks.header.indexOf(name)];
    expect([col("approval_cycle_median_hours"), col("approval_cycle_n"), col("compliance_48h_rate_percent")]).toEqual(["11", "3", "66.7"]);

    expect((await csv(`/insights.csv?table=stages&${WEEK}`)).rows).toEqual([
      ["1", "Agency review", "review", "5", "2", "4"],
      ["2", "Brand sign-off", "brand_signoff", "4", "2", "6"],
    ]);
    expect((await csv(`/insights.csv?table=platforms&${WEEK}`)).rows).toEqual([
      ["ga4", "1", "26", "26"],
      ["google_tag_manager", "1", "30", "30"],
      ["meta_ad_account", "1", "4", "4"],
    ]);
    expect((await csv(`/insights.csv?table=approvers&${WEEK}`)).rows).toEqual([
      ["agency", "5", "4", "1", "2", "4", "0"],
      ["lead", "4", "4", "0", "2", "6", "4"],
    ]);
    expect((await csv(`/insights.csv?table=conflicts&${WEEK}`)).rows).toEqual([["SIGNOFF_RISK", "2", "0", "74", "87"]]);
    const agencies = await csv(`/insights.csv?table=agencies&${WEEK}`);
    expect(agencies.rows.map((r) => [r[0], r[agencies.header.indexOf("compliance_48h_rate_percent")]])).toEqual([["Agency P", "66.7"]]);
  });

  it("lists D6 and D5 as stuck with the coordinator, longest overdue first, on the page and in the CSV", async () => {
    const res = await load(stuckRoute, "/insights/stuck");
    const data = (await res.json()) as { groups: { name: string; items: { title: string; kind: string; waitedMs: number }[] }[] };
    expect(data.groups.map((g) => [g.name, g.items.map((i) => [i.title, i.kind, i.waitedMs / 3_600_000])])).toEqual([
      [
        "coordinator",
        [
          // D6 moved to Sun 02:00, so its deadline was Fri 02:00: 82 h before Mon 12:00; D5's Fri 20:00: 64 h.
          ["D6 collides with D1", "blocked", 82],
          ["D5 never submitted", "blocked", 64],
        ],
      ],
    ]);
    const stuck = await csv("/insights.csv?table=stuck");
    expect(stuck.rows.map((r) => [r[0], r[1], r[2], r[5], r[6]])).toEqual([
      ["coordinator", "blocked", "D6 collides with D1", "82", "0"],
      ["coordinator", "blocked", "D5 never submitted", "64", "0"],
    ]);
    expect(stuck.rows[0][8]).toMatch(/^http:\/\/localhost:3000\/w\/.+\/deliverables\/[0-9a-f]{32}$/);
  });

  it("never shows a brand lead another brand's name: not in the page, the stuck list or any CSV", async () => {
    // Brand Y's work, with Agency Q: the coordinator sees it, Brand X's lead must not even see the name.
    await t.db.insert(handoffFacts).values({
      workspaceId: world.a.id,
      kind: "brief_acknowledged",
      subjectKey: "brand-y-ack",
      startedAt: Z("03-02T09:00:00"),
      finishedAt: Z("03-02T12:00:00"),
      durationSeconds: 3 * 3600,
      brandId: world.brandY.id,
      agencyId: world.agencyQ.id,
      personId: world.users.admin.id,
      localDate: "2027-03-02",
      data: { campaignId: "y", version: 1 },
    });
    const everything = await (await load(page, `/insights?${WEEK}`)).text();
    expect(everything).toContain("Brand Y");
    for (const who of ["lead", "creator"] as const) {
      const bodies = [
        await (await load(page, `/insights?${WEEK}`, who)).text(),
        await (await load(stuckRoute, "/insights/stuck", who)).text(),
      ];
      for (const table of CSV_TABLES) bodies.push((await csv(`/insights.csv?table=${table}&${WEEK}`, who)).text);
      for (const body of bodies) expect(body).not.toContain("Brand Y");
    }
    // The lead still sees its own brand, across agencies.
    expect(await (await load(page, `/insights?${WEEK}`, "lead")).text()).toContain("Brand X");
  });
});
