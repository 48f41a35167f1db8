// The workspace of PRODUCT.md §8 for `npm run bench:load` (scripts/bench-load.ts): 50 brands,
// 10 agencies, 500 creators, 2,000 campaigns and 100,000 deliverables over two years, grown from
// the demo workspace with set-based SQL (the same shape as scripts/bench-pages.ts), with one
// difference: statuses follow the pipeline a real team has (the past published, drafts submitted
// a week or three before they go live, far-off posts still drafts), because the insights page
// measures that pipeline and bench-load-history.ts writes its history from these statuses.
import type postgres from "postgres";

/** BENCH_SCALE shrinks everything that grows with use (creators, campaigns, deliverables) to debug the harness quickly. */
export interface ScaleSize {
  brands: number;
  agencies: number;
  creators: number;
  campaigns: number;
  deliverables: number;
}

export function sizeFor(scale: number): ScaleSize {
  return {
    brands: 50,
    agencies: 10,
    creators: Math.max(20, Math.round(500 * scale)),
    campaigns: Math.max(100, Math.round(2000 * scale)),
    deliverables: Math.max(2000, Math.round(100_000 * scale)),
  };
}

/** Marks the generated rows, so the history and the writer leave the demo's own rows alone. */
export const SCALE_TITLE = "Scale post ";
const rid = "replace(gen_random_uuid()::text, '-', '')";

/** Brands, agencies, creators and campaigns, up to `size` (the demo's own count towards it). */
async function directory(sql: postgres.Sql, ws: string, size: ScaleSize) {
  await sql.unsafe(`
    INSERT INTO brands (id, workspace_id, name, category, time_zone, color)
      SELECT ${rid}, '${ws}', 'Scale brand ' || g, (ARRAY['skincare','coffee','outdoor','fashion','gaming','pets'])[1 + g % 6],
             (ARRAY['Europe/Berlin','America/New_York','America/Denver','Asia/Tokyo'])[1 + g % 4], '#0ea5e9'
      FROM generate_series(1, ${size.brands} - (SELECT count(*)::int FROM brands WHERE workspace_id = '${ws}')) g;
    INSERT INTO agencies (id, workspace_id, name) SELECT ${rid}, '${ws}', 'Scale agency ' || g
      FROM generate_series(1, ${size.agencies} - (SELECT count(*)::int FROM agencies WHERE workspace_id = '${ws}')) g;
    INSERT INTO creators (id, workspace_id, name) SELECT ${rid}, '${ws}', 'Scale creator ' || g
      FROM generate_series(1, ${size.creators} - (SELECT count(*)::int FROM creators WHERE workspace_id = '${ws}')) g;
  `);
  // Campaigns of 2 to 8 weeks over two years around today; status as their dates leave them.
  await sql.unsafe(`
    WITH b AS (SELECT array_agg(id ORDER BY id) ids FROM brands WHERE workspace_id = '${ws}'),
         a AS (SELECT array_agg(id ORDER BY id) ids FROM agencies WHERE workspace_id = '${ws}'),
         s AS (SELECT g, now() - interval '365 days' + (random() * 730) * interval '1 day' AS starts
               FROM generate_series(1, ${size.campaigns} - (SELECT count(*)::int FROM campaigns WHERE workspace_id = '${ws}')) g),
         w AS (SELECT s.*, s.starts + (14 + floor(random() * 42)::int) * interval '1 day' AS ends FROM s)
    INSERT INTO campaigns (id, workspace_id, brand_id, lead_agency_id, name, status, channels, starts_at, ends_at, created_at)
      SELECT ${rid}, '${ws}', b.ids[1 + floor(random() * array_length(b.ids, 1))::int],
             a.ids[1 + floor(random() * array_length(a.ids, 1))::int], 'Scale campaign ' || w.g,
             CASE WHEN w.ends < now() THEN 'completed' WHEN w.starts < now() THEN 'active'
                  WHEN w.starts < now() + interval '30 days' THEN 'briefed' ELSE 'planning' END,
             '["instagram","tiktok"]'::jsonb, w.starts, w.ends, least(now(), w.starts - interval '21 days')
      FROM w, b, a;
  `);
  // About three creators per campaign, so creator-scoped queries have real work.
  await sql.unsafe(`
    WITH c AS (SELECT array_agg(id ORDER BY id) ids FROM creators WHERE workspace_id = '${ws}')
    INSERT INTO campaign_creators (campaign_id, creator_id, workspace_id)
      SELECT DISTINCT p.id, c.ids[1 + floor(random() * array_length(c.ids, 1))::int], '${ws}'
      FROM campaigns p, c, generate_series(1, 3)
      WHERE p.workspace_id = '${ws}' AND p.name LIKE 'Scale campaign %'
    ON CONFLICT DO NOTHING;
  `);
}

/**
 * Deliverables inside their campaign's window, by one of its creators, with the status the
 * pipeline leaves them in at `now`: past posts published (a few overridden after a block, a few
 * still blocked), the next two days scheduled or signed off, the next three weeks in review, and
 * later posts mostly drafts not yet submitted. current_version is set by the history.
 */
async function deliverables(sql: postgres.Sql, ws: string, size: ScaleSize) {
  await sql.unsafe(`
    WITH p AS (SELECT row_number() OVER (ORDER BY c.id) AS n, c.id, c.brand_id, c.starts_at, c.ends_at,
                      (SELECT array_agg(cc.creator_id ORDER BY cc.creator_id) FROM campaign_creators cc WHERE cc.campaign_id = c.id) AS creators
               FROM campaigns c WHERE c.workspace_id = '${ws}' AND c.name LIKE 'Scale campaign %'),
         cnt AS (SELECT count(*) AS total FROM p),
         d AS (SELECT g, 1 + (g % (SELECT total FROM cnt)) AS n
               FROM generate_series(1, ${size.deliverables} - (SELECT count(*)::int FROM deliverables WHERE workspace_id = '${ws}')) g)
    INSERT INTO deliverables (id, workspace_id, campaign_id, brand_id, creator_id, channel, title, publish_at, status, current_version)
      SELECT ${rid}, '${ws}', p.id, p.brand_id, p.creators[1 + d.g % greatest(1, array_length(p.creators, 1))],
             (ARRAY['instagram','tiktok','youtube','facebook'])[1 + d.g % 4], '${SCALE_TITLE}' || d.g,
             p.starts_at + random() * (p.ends_at - p.starts_at), 'draft', 0
      FROM d JOIN p ON p.n = d.n;
  `);
  await sql.unsafe(`
    WITH r AS (SELECT id, random() AS u, publish_at - now() AS lead FROM deliverables
               WHERE workspace_id = '${ws}' AND title LIKE '${SCALE_TITLE}%')
    UPDATE deliverables d SET
      status = CASE
        WHEN r.lead < interval '0' THEN CASE WHEN r.u < 0.015 THEN 'in_review' ELSE 'published' END
        WHEN r.lead < interval '48 hours' THEN CASE WHEN r.u < 0.05 THEN 'in_review' WHEN r.u < 0.75 THEN 'scheduled' ELSE 'signed_off' END
        WHEN r.lead < interval '7 days' THEN CASE WHEN r.u < 0.05 THEN 'draft' WHEN r.u < 0.35 THEN 'in_review'
          WHEN r.u < 0.45 THEN 'changes_requested' WHEN r.u < 0.75 THEN 'signed_off' ELSE 'scheduled' END
        WHEN r.lead < interval '21 days' THEN CASE WHEN r.u < 0.4 THEN 'draft' WHEN r.u < 0.75 THEN 'in_review'
          WHEN r.u < 0.85 THEN 'changes_requested' ELSE 'signed_off' END
        ELSE CASE WHEN r.u < 0.9 THEN 'draft' ELSE 'in_review' END END,
      -- Past the deadline without a sign-off: blocked (decision 052); 2.5% of the past was overridden instead.
      blocked = (r.lead < interval '48 hours' AND r.u < CASE WHEN r.lead < interval '0' THEN 0.015 ELSE 0.05 END),
      overridden_at = CASE WHEN r.lead < interval '0' AND r.u >= 0.015 AND r.u < 0.04
        THEN d.publish_at - interval '40 hours' + random() * interval '30 hours' END
    FROM r WHERE d.id = r.id;
    UPDATE deliverables SET override_reason = 'Client approved by phone; sign-off recorded after the deadline.'
      WHERE workspace_id = '${ws}' AND overridden_at IS NOT NULL AND override_reason IS NULL;
  `);
}

/** Grows the demo workspace to `size`; returns the counts as they stand. */
export async function generateScale(sql: postgres.Sql, ws: string, size: ScaleSize) {
  // A fixed seed: two runs of the benchmark get the same shape of data.
  await sql.unsafe(`SELECT setseed(0.42)`);
  await directory(sql, ws, size);
  await deliverables(sql, ws, size);
}

export async function countsOf(sql: postgres.Sql, ws: string): Promise<Record<string, number>> {
  const tables = ["brands", "agencies", "creators", "campaigns", "deliverables", "draft_versions", "approval_decisions"];
  const more = ["brief_acknowledgments", "access_steps", "handoff_facts", "conflict_log"];
  const [row] = await sql.unsafe(
    `SELECT ${[...tables, ...more].map((t) => `(SELECT count(*)::int FROM ${t} WHERE workspace_id = '${ws}') AS ${t}`).join(", ")}`,
  );
  return row as Record<string, number>;
}
