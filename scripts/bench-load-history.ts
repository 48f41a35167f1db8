// The history behind the §8 workspace's deliverables (scripts/bench-load.ts), so the insights page
// reads realistic handoffs at scale: the people who review and sign off, each deliverable's draft
// versions and the route's decisions on them, sign-offs, overrides, published briefs and their
// acknowledgments, onboarding links verified over time. Set-based SQL over the rows
// bench-load-scale.ts generated (one statement per table), every instant at or before now. The
// handoff facts are then the insights backfill's to write from these rows (bench-load-insights.ts),
// exactly as for a database that predates facts.
import { DateTime } from "luxon";
import type postgres from "postgres";
import { completeBrief } from "../db/seeds/briefs";
import { SCALE_TITLE } from "./bench-load-scale";

const rid = "replace(gen_random_uuid()::text, '-', '')";

/**
 * A reviewer for every agency and a brand lead for every brand that has none (the monthly report
 * goes to brand leads), and the temp table `people`: per agency its reviewer and its pace (how
 * slowly its work moves, 0.7 to 1.8, so the breakdowns per agency differ), per brand its lead.
 */
async function people(sql: postgres.Sql, ws: string) {
  await sql.unsafe(`
    CREATE TEMP TABLE new_people AS
      SELECT ${rid} AS user_id, 'agency_member' AS role, a.id AS agency_id, NULL::text AS brand_id, 'reviewer-' || a.id || '@scale.test' AS email,
             'Reviewer at ' || a.name AS name
      FROM agencies a WHERE a.workspace_id = '${ws}'
        AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.agency_id = a.id AND m.role = 'agency_member')
      UNION ALL
      SELECT ${rid}, 'brand_lead', NULL, b.id, 'lead-' || b.id || '@scale.test', 'Lead of ' || b.name
      FROM brands b WHERE b.workspace_id = '${ws}'
        AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.brand_id = b.id AND m.role = 'brand_lead');
    INSERT INTO users (id, email, name, email_verified_at) SELECT user_id, email, name, now() FROM new_people;
    INSERT INTO memberships (id, workspace_id, user_id, role, agency_id, brand_id)
      SELECT ${rid}, '${ws}', user_id, role, agency_id, brand_id FROM new_people;
    CREATE TEMP TABLE reviewers AS
      SELECT a.id AS agency_id, 0.7 + 0.12 * (row_number() OVER (ORDER BY a.id) - 1) AS pace,
             (SELECT min(m.user_id) FROM memberships m WHERE m.agency_id = a.id AND m.role = 'agency_member') AS user_id
      FROM agencies a WHERE a.workspace_id = '${ws}';
    CREATE TEMP TABLE leads AS
      SELECT b.id AS brand_id, (SELECT min(m.user_id) FROM memberships m WHERE m.brand_id = b.id AND m.role = 'brand_lead') AS user_id
      FROM brands b WHERE b.workspace_id = '${ws}';
  `);
}

/**
 * One plan row per generated deliverable: how many versions (1 to 3), the waits at each stage
 * scaled by its agency's pace, and `last_at`, when the last version was submitted, placed so that
 * a signed deliverable's sign-off lands before its deadline and nothing happens after now.
 */
async function plan(sql: postgres.Sql, ws: string) {
  await sql.unsafe(`
    CREATE TEMP TABLE plan AS
    WITH base AS (
      SELECT d.id, d.publish_at, d.status, d.blocked, d.overridden_at, r.user_id AS reviewer, l.user_id AS lead, r.pace,
             d.status IN ('signed_off', 'scheduled', 'published') AND d.overridden_at IS NULL AS signed,
             random() AS r_rounds,
             (2 + random() * 30) * r.pace * interval '1 hour' AS a,
             (1 + random() * 40) * r.pace * interval '1 hour' AS b,
             (20 + random() * 50) * r.pace * interval '1 hour' AS g,
             random() AS u
      FROM deliverables d JOIN campaigns c ON c.id = d.campaign_id
        JOIN reviewers r ON r.agency_id = c.lead_agency_id JOIN leads l ON l.brand_id = d.brand_id
      WHERE d.workspace_id = '${ws}' AND d.title LIKE '${SCALE_TITLE}%')
    SELECT base.*,
      CASE WHEN status = 'draft' THEN 0 WHEN r_rounds < 0.7 THEN 1 WHEN r_rounds < 0.92 THEN 2 ELSE 3 END AS rounds,
      CASE WHEN signed
        THEN least(publish_at - interval '49 hours' - random() * interval '4 days', now() - interval '5 minutes' - random() * interval '2 hours') - a - b
        ELSE least(publish_at - interval '60 hours', now()) - interval '10 minutes' - random() * interval '3 days' * pace END AS last_at
    FROM base;
  `);
}

const COORDINATOR = `(SELECT id FROM users WHERE email = 'coordinator@northwind.test')`;
const OWNER = `(SELECT id FROM users WHERE email = 'owner@northwind.test')`;

/**
 * The versions (uploaded by the coordinator for creators without an account, flagged late when
 * they left the route less than its 24 hours), the decisions on them, and the deliverables' own
 * columns: sign-off, version, revision rounds, override, created and updated instants.
 */
async function approvals(sql: postgres.Sql, ws: string) {
  await sql.unsafe(`
    CREATE TEMP TABLE versions AS
      SELECT ${rid} AS version_id, p.id AS deliverable_id, k AS version, p.last_at - (p.rounds - k) * p.g AS at, k = p.rounds AS last,
             random() < 0.7 AS fixed_at_review, p.*
      FROM plan p, generate_series(1, p.rounds) k;
    INSERT INTO draft_versions (id, workspace_id, deliverable_id, version, copy, late, submitted_by, submitted_at)
      SELECT version_id, '${ws}', deliverable_id, version, 'Draft ' || version || ' of the post. #ad',
             at > publish_at - interval '72 hours', ${COORDINATOR}, at
      FROM versions;
  `);
  // Earlier versions were sent back (at the agency's review, or by the brand); the last one is
  // signed off, sent back, or waiting (at the brand when the agency already approved it).
  await sql.unsafe(`
    CREATE TEMP TABLE decisions AS
      SELECT version_id, deliverable_id, version, 0 AS stage, reviewer AS user_id,
             CASE WHEN fixed_at_review THEN 'request_changes' ELSE 'approve' END AS decision, at + 0.35 * g AS at
        FROM versions WHERE NOT last
      UNION ALL SELECT version_id, deliverable_id, version, 1, lead, 'request_changes', at + 0.6 * g FROM versions WHERE NOT last AND NOT fixed_at_review
      UNION ALL SELECT version_id, deliverable_id, version, 0, reviewer, 'approve', at + a FROM versions WHERE last AND signed
      UNION ALL SELECT version_id, deliverable_id, version, 1, lead, 'approve', at + a + b FROM versions WHERE last AND signed
      UNION ALL SELECT version_id, deliverable_id, version, 0, reviewer, 'request_changes', least(at + a, now() - interval '1 minute')
        FROM versions WHERE last AND status = 'changes_requested'
      UNION ALL SELECT version_id, deliverable_id, version, 0, reviewer, 'approve', at + a
        FROM versions WHERE last AND NOT signed AND status <> 'changes_requested' AND u < 0.5 AND at + a < now();
    INSERT INTO approval_decisions (id, workspace_id, deliverable_id, draft_version_id, version, stage_index, user_id, decision, comment, created_at)
      SELECT ${rid}, '${ws}', deliverable_id, version_id, version, stage, user_id, decision,
             CASE WHEN decision = 'request_changes' THEN 'Please tighten the hook and move the disclosure up.' END, at
      FROM decisions;
  `);
  await sql.unsafe(`
    UPDATE deliverables d SET
      current_version = p.rounds, revision_rounds = greatest(0, p.rounds - 1),
      signed_off_at = CASE WHEN p.signed THEN p.last_at + p.a + p.b END,
      signed_off_version = CASE WHEN p.signed THEN p.rounds END,
      signed_off_by = CASE WHEN p.signed THEN p.lead END,
      overridden_by = CASE WHEN d.overridden_at IS NOT NULL THEN ${OWNER} END,
      created_at = least(now(), coalesce(p.last_at - greatest(0, p.rounds - 1) * p.g, d.publish_at - interval '30 days') - (1 + p.u * 10) * interval '1 day'),
      updated_at = CASE d.status WHEN 'published' THEN d.publish_at + interval '10 minutes'
        WHEN 'scheduled' THEN least(now(), p.last_at + p.a + p.b + interval '3 hours') ELSE least(now(), p.last_at + p.a) END
    FROM plan p WHERE d.id = p.id;
  `);
}

/** The brief of every campaign that had started being worked on (published ten days before it starts), and the lead agency's acknowledgment. */
async function briefs(sql: postgres.Sql, ws: string) {
  const template = completeBrief(DateTime.fromISO("2026-01-01T00:00:00Z"), 0, 28, {
    keyMessage: "Everyday use, shown honestly.",
    brandStory: "A brand its customers use every day.",
    audience: "People who follow these creators for honest, everyday use of what they show.",
  });
  await sql.unsafe(`
    CREATE TEMP TABLE published AS
      SELECT ${rid} AS brief_id, ${rid} AS version_id, c.id AS campaign_id, c.starts_at, r.user_id AS reader, r.pace,
             least(now() - interval '1 hour', c.starts_at - interval '10 days' - random() * interval '3 days') AS published_at
      FROM campaigns c JOIN reviewers r ON r.agency_id = c.lead_agency_id
      WHERE c.workspace_id = '${ws}' AND c.name LIKE 'Scale campaign %' AND c.starts_at - interval '10 days' < now();
    CREATE TEMP TABLE brief_content (campaign_id text, content jsonb);
  `);
  // One statement: a query with parameters cannot carry several.
  await sql.unsafe(
    `
    INSERT INTO brief_content
      SELECT campaign_id, jsonb_set($1::text::jsonb, '{timeline,draftDue}', to_jsonb(to_char(starts_at + interval '7 days', 'YYYY-MM-DD'))) AS content
      FROM published;
  `,
    [JSON.stringify(template)],
  );
  await sql.unsafe(`
    INSERT INTO briefs (id, workspace_id, campaign_id, template_version, draft, draft_updated_at, published_version)
      SELECT p.brief_id, '${ws}', p.campaign_id, 1, b.content, p.published_at, 1 FROM published p JOIN brief_content b USING (campaign_id);
    INSERT INTO brief_versions (id, workspace_id, brief_id, campaign_id, version, template_version, content, published_by, published_at)
      SELECT p.version_id, '${ws}', p.brief_id, p.campaign_id, 1, 1, b.content, ${COORDINATOR}, p.published_at
      FROM published p JOIN brief_content b USING (campaign_id);
    INSERT INTO brief_acknowledgments (id, workspace_id, campaign_id, brief_version_id, version, user_id, requested_at, acknowledged_at)
      SELECT ${rid}, '${ws}', campaign_id, version_id, 1, reader, published_at, CASE WHEN published_at + w < now() THEN published_at + w END
      FROM (SELECT p.*, (2 + random() * 40) * p.pace * interval '1 hour' AS w FROM published p) x;
  `);
}

const PLATFORMS = ["instagram", "tiktok_ads", "meta_page", "ga4", "google_ads", "search_console"];

/**
 * Onboarding links of the past 200 days, two platform steps each: confirmed by the client after a
 * few hours to two days, verified by the agency's reviewer, one in seven rejected once on the way;
 * the recent ones still waiting. `count` links, spread over the brands and agencies.
 */
async function onboarding(sql: postgres.Sql, ws: string, count: number) {
  await sql.unsafe(`
    CREATE TEMP TABLE links AS
      SELECT ${rid} AS id, g, b.ids[1 + floor(random() * array_length(b.ids, 1))::int] AS brand_id, r.agency_id, r.user_id AS verifier, r.pace,
             now() - random() * interval '200 days' AS created
      FROM generate_series(1, ${count}) g,
           (SELECT array_agg(id ORDER BY id) ids FROM brands WHERE workspace_id = '${ws}') b,
           LATERAL (SELECT * FROM reviewers ORDER BY random() + 0 * g LIMIT 1) r;
    CREATE TEMP TABLE steps AS
      SELECT ${rid} AS id, l.id AS link_id, k AS position, l.verifier, ('{${PLATFORMS.join(",")}}'::text[])[1 + (l.g + k * 3) % ${PLATFORMS.length}] AS platform,
             l.created, l.created + (4 + random() * 46) * l.pace * interval '1 hour' AS confirmed,
             random() < 0.14 AS rejected, (1 + random() * 25) * l.pace * interval '1 hour' AS wait
      FROM links l, generate_series(0, 1) k;
    INSERT INTO onboarding_links (id, workspace_id, brand_id, client_name, client_email, service_type, token_hash, intake, created_by,
                                  account_manager_id, expires_at, opened_at, created_at)
      SELECT id, '${ws}', brand_id, 'Scale client ' || g, 'client-' || g || '@scale.test', 'paid_social', md5(id || random()),
             jsonb_build_object('agencyId', agency_id), ${OWNER}, verifier, created + interval '30 days', created + interval '1 hour', created
      FROM links;
    INSERT INTO access_steps (id, workspace_id, link_id, platform_key, role, position, status, confirmed_at, verified_at, verified_by,
                              rejected_at, rejection_reason, created_at, updated_at)
      SELECT id, '${ws}', link_id, platform, 'Admin', position,
             CASE WHEN done < now() THEN 'verified' WHEN final < now() THEN 'confirmed' ELSE 'requested' END,
             CASE WHEN final < now() THEN final END, CASE WHEN done < now() THEN done END, CASE WHEN done < now() THEN verifier END,
             CASE WHEN rejected AND done < now() THEN confirmed + 0.5 * wait END,
             CASE WHEN rejected AND done < now() THEN 'That is a personal account: please grant it from the business account.' END,
             created, least(now(), done)
      -- A rejected grant: rejected half a wait after the first grant, granted again 18 hours later, then verified.
      FROM (SELECT s.*, s.final + CASE WHEN s.rejected THEN 0.5 * s.wait ELSE s.wait END AS done
            FROM (SELECT steps.*, confirmed + CASE WHEN rejected THEN 0.5 * wait + interval '18 hours' ELSE interval '0' END AS final FROM steps) s) x;
    UPDATE onboarding_links l SET completed_at = s.confirmed, last_progress_at = s.progress, all_verified_at = s.verified
      FROM (SELECT link_id, max(confirmed_at) AS progress, CASE WHEN bool_and(confirmed_at IS NOT NULL) THEN max(confirmed_at) END AS confirmed,
                   CASE WHEN bool_and(status = 'verified') THEN max(verified_at) END AS verified
            FROM access_steps WHERE link_id IN (SELECT id FROM links) GROUP BY link_id) s
      WHERE s.link_id = l.id AND l.workspace_id = '${ws}';
  `);
}

/** Writes the whole history; `links` onboarding links. */
export async function generateHistory(sql: postgres.Sql, ws: string, links: number) {
  await people(sql, ws);
  await plan(sql, ws);
  await approvals(sql, ws);
  await briefs(sql, ws);
  await onboarding(sql, ws, links);
}
