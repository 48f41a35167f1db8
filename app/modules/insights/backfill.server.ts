import { count, sql, type SQL } from "drizzle-orm";
import { brands, handoffFacts, workspaces } from "@db/schema";
import type { Queryable } from "~/utils/db.server";
import { isValidTimeZone } from "~/utils/time";
import { defaultRoute } from "~/modules/approvals/route";
import { CHANNELS, CHANNEL_PLATFORMS } from "~/modules/channels/channels";

/**
 * Backfill of handoff facts (decision 053) from the rows and the audit trail that existed before
 * facts were recorded. Set-based: one INSERT … SELECT per fact kind and workspace, each
 * `ON CONFLICT (kind, subject_key) DO NOTHING` with the very subject keys the live recorders use,
 * so it is idempotent and never counts a handoff the live path already recorded. Runs at start-up
 * after the migrations (server/boot.ts), only while no fact exists at all; `force` runs it anyway.
 * What the past cannot tell is listed in docs/metrics.md ("starts counting now").
 */

const INSERT = sql.raw(
  "insert into handoff_facts (id, workspace_id, kind, subject_key, started_at, finished_at, duration_seconds, brand_id, agency_id, channel, creator_id, person_id, local_date, data) ",
);
const DONE = sql.raw(" on conflict (kind, subject_key) do nothing");

/** An instant as JavaScript's toISOString writes it, so keys match the live recorders'. */
const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
const seconds = (from: string, to: string) => sql.raw(`greatest(0, round(extract(epoch from (${to} - ${from}))))::int`);
/** A deterministic id: the backfill may run twice and still insert nothing new. */
const factId = (kind: string, key: SQL) => sql`md5(${kind} || ':' || ${key})`;

function platformChannel(column: string): SQL {
  const pairs = CHANNELS.flatMap((channel) =>
    CHANNEL_PLATFORMS[channel] ? [sql`when ${CHANNEL_PLATFORMS[channel]} then ${channel}`] : [],
  );
  return sql`(case ${sql.raw(column)} ${sql.join(pairs, sql` `)} else null end)`;
}

interface Scope {
  ws: string;
  /** The workspace's zone (valid, else UTC): a fact's day is counted there. */
  tz: string;
  /** Brand zones PostgreSQL and luxon both know; any other is read as UTC, as inZone does. */
  brandZones: string[];
}

const day = (s: Scope, column: string) => sql`(${sql.raw(column)} at time zone ${s.tz})::date`;
const brandZone = (s: Scope) =>
  sql`(case when b.time_zone in (select jsonb_array_elements_text(${JSON.stringify(s.brandZones)}::jsonb)) then b.time_zone else 'UTC' end)`;
/** The sign-off window: the brand's override, else the workspace's (signoff-rule.ts effectiveWindowHours). */
const WINDOW_HOURS = "coalesce(b.signoff_window_hours, w.signoff_window_hours, 48)";

function accessVerified(s: Scope): SQL {
  const key = sql`st.id || '@' || ${iso("st.verified_at")}`;
  return sql`${INSERT} select ${factId("access_verified", key)}, ${s.ws}, 'access_verified', ${key}, st.created_at, st.verified_at,
    ${seconds("st.created_at", "st.verified_at")}, l.brand_id, l.intake->>'agencyId', ${platformChannel("st.platform_key")}, null, st.verified_by,
    ${day(s, "st.verified_at")}, jsonb_build_object('linkId', st.link_id, 'stepId', st.id, 'platform', st.platform_key, 'rejected', st.rejected_at is not null)
    from access_steps st join onboarding_links l on l.id = st.link_id
    where st.workspace_id = ${s.ws} and st.verified_at is not null ${DONE}`;
}

function linkVerified(s: Scope): SQL {
  return sql`${INSERT} select ${factId("link_verified", sql`l.id`)}, ${s.ws}, 'link_verified', l.id, l.created_at, v.last,
    ${seconds("l.created_at", "v.last")}, l.brand_id, l.intake->>'agencyId', null, null, v.person, ${day(s, "v.last")},
    jsonb_build_object('linkId', l.id, 'platforms', v.platforms)
    from onboarding_links l
    join lateral (select max(verified_at) as last, jsonb_agg(platform_key order by platform_key) as platforms,
      (array_agg(verified_by order by verified_at desc))[1] as person
      from access_steps where link_id = l.id and status = 'verified' and verified_at is not null) v on v.last is not null
    where l.workspace_id = ${s.ws} and l.all_verified_at is not null ${DONE}`;
}

function briefAcknowledged(s: Scope): SQL {
  // An acknowledgment carried to a wording-only version repeats the earlier one's instant: not a handoff.
  return sql`${INSERT} select ${factId("brief_acknowledged", sql`a.id`)}, ${s.ws}, 'brief_acknowledged', a.id, a.requested_at, a.acknowledged_at,
    ${seconds("a.requested_at", "a.acknowledged_at")}, c.brand_id, c.lead_agency_id, null,
    (select m.creator_id from memberships m where m.workspace_id = a.workspace_id and m.user_id = a.user_id and m.role = 'creator'),
    a.user_id, ${day(s, "a.acknowledged_at")}, jsonb_build_object('campaignId', a.campaign_id, 'version', a.version)
    from brief_acknowledgments a join campaigns c on c.id = a.campaign_id
    where a.workspace_id = ${s.ws} and a.acknowledged_at is not null
      and not exists (select 1 from brief_acknowledgments p where p.campaign_id = a.campaign_id and p.user_id = a.user_id
        and p.version < a.version and p.acknowledged_at = a.acknowledged_at) ${DONE}`;
}

function draftSubmitted(s: Scope): SQL {
  return sql`${INSERT} select ${factId("draft_submitted", sql`v.id`)}, ${s.ws}, 'draft_submitted', v.id,
    coalesce(prev.submitted_at, d.created_at), v.submitted_at, greatest(0, round(extract(epoch from (v.submitted_at - coalesce(prev.submitted_at, d.created_at)))))::int,
    d.brand_id, c.lead_agency_id, d.channel, d.creator_id, v.submitted_by, ${day(s, "v.submitted_at")},
    jsonb_build_object('deliverableId', d.id, 'version', v.version, 'dueDate', due.day, 'late', v.late,
      'onTime', case when due.day is null then null else v.submitted_at < ((due.day::date + 1)::timestamp at time zone ${brandZone(s)}) end)
    from draft_versions v join deliverables d on d.id = v.deliverable_id join campaigns c on c.id = d.campaign_id join brands b on b.id = d.brand_id
    left join draft_versions prev on prev.deliverable_id = v.deliverable_id and prev.version = v.version - 1
    left join lateral (select case when left(bv.content->'timeline'->>'draftDue', 10) ~ '^\\d{4}-\\d{2}-\\d{2}$'
        then left(bv.content->'timeline'->>'draftDue', 10) end as day
      from brief_versions bv where v.version = 1 and bv.campaign_id = d.campaign_id and bv.published_at <= v.submitted_at
      order by bv.version desc limit 1) due on true
    where v.workspace_id = ${s.ws} ${DONE}`;
}

/** A campaign without a saved route runs the default one (route.ts): its stage names and kinds. */
const DEFAULT_STAGES = defaultRoute({ agencyReviewerIds: [], brandLeadIds: [] }).stages;

function stageDecided(s: Scope): SQL {
  const [first, last] = [DEFAULT_STAGES[0], DEFAULT_STAGES[DEFAULT_STAGES.length - 1]];
  const key = sql`ad.draft_version_id || ':' || ad.stage_index || ':' || ad.user_id`;
  const before = sql.raw(
    "(select max(e.created_at) from approval_decisions e where e.draft_version_id = ad.draft_version_id and e.stage_index < ad.stage_index)",
  );
  // The decision that moved the route on: the latest at its stage, followed by a decision at a later
  // stage or by the sign-off of this version; or any request for changes.
  const completes = sql.raw(`(ad.decision = 'request_changes' or (ad.created_at = (select max(e.created_at) from approval_decisions e
    where e.draft_version_id = ad.draft_version_id and e.stage_index = ad.stage_index) and (exists (select 1 from approval_decisions e
    where e.draft_version_id = ad.draft_version_id and e.stage_index > ad.stage_index) or (ad.stage_index = coalesce(jsonb_array_length(r.stages), ${DEFAULT_STAGES.length}) - 1
    and (d.signed_off_version = v.version or exists (select 1 from audit_events ae where ae.object_id = d.id
      and ae.action = 'draft.signed_off' and ae.data->>'version' = v.version::text))))))`);
  return sql`${INSERT} select ${factId("stage_decided", key)}, ${s.ws}, 'stage_decided', ${key},
    greatest(v.submitted_at, coalesce(${before}, v.submitted_at)), ad.created_at,
    greatest(0, round(extract(epoch from (ad.created_at - greatest(v.submitted_at, coalesce(${before}, v.submitted_at))))))::int,
    d.brand_id, c.lead_agency_id, d.channel, d.creator_id, ad.user_id, ${day(s, "ad.created_at")},
    jsonb_build_object('deliverableId', d.id, 'version', v.version, 'stageIndex', ad.stage_index,
      'stageName', coalesce(r.stages->ad.stage_index->>'name', case ad.stage_index when 0 then ${first.name} else ${last.name} end),
      'stageKind', coalesce(r.stages->ad.stage_index->>'kind', case ad.stage_index when 0 then ${first.kind} else ${last.kind} end),
      'decision', ad.decision, 'completesStage', ${completes})
    from approval_decisions ad join draft_versions v on v.id = ad.draft_version_id join deliverables d on d.id = ad.deliverable_id
    join campaigns c on c.id = d.campaign_id left join approval_routes r on r.campaign_id = d.campaign_id
    where ad.workspace_id = ${s.ws} ${DONE}`;
}

/** The sign-off on the row now, then earlier sign-offs of versions since replaced, from the audit trail. */
function signedOff(s: Scope): SQL[] {
  const select = (key: SQL, version: string, at: string, person: string, from: string, where: SQL) =>
    sql`${INSERT} select ${factId("signed_off", key)}, ${s.ws}, 'signed_off', ${key}, coalesce(v1.submitted_at, d.created_at), ${sql.raw(at)},
      greatest(0, round(extract(epoch from (${sql.raw(at)} - coalesce(v1.submitted_at, d.created_at)))))::int,
      d.brand_id, c.lead_agency_id, d.channel, d.creator_id, ${sql.raw(person)}, ${day(s, at)},
      jsonb_build_object('deliverableId', d.id, 'version', ${sql.raw(version)}, 'revisionRounds', ${sql.raw(version)} - 1, 'firstPass', ${sql.raw(version)} = 1)
      from ${sql.raw(from)} join campaigns c on c.id = d.campaign_id
      left join draft_versions v1 on v1.deliverable_id = d.id and v1.version = 1
      where ${where} ${DONE}`;
  return [
    select(
      sql`d.id || ':v' || d.signed_off_version`,
      "d.signed_off_version",
      "d.signed_off_at",
      "d.signed_off_by",
      "deliverables d",
      sql`d.workspace_id = ${s.ws} and d.signed_off_at is not null and d.signed_off_version is not null`,
    ),
    select(
      sql`d.id || ':v' || (ae.data->>'version')`,
      "(ae.data->>'version')::int",
      "ae.created_at",
      "ae.actor_user_id",
      "audit_events ae join deliverables d on d.id = ae.object_id",
      sql`ae.workspace_id = ${s.ws} and ae.action = 'draft.signed_off' and ae.data->>'version' ~ '^[0-9]+$'`,
    ),
  ];
}

/**
 * Scheduled, published, overridden and blocked, counted on the publish day (fact-kinds.ts
 * publish_outcome): from the audit trail where it recorded the event (with the publish time of the
 * moment), then from the rows as they stand (the demo data and anything older than its audit).
 */
function publishOutcomes(s: Scope): SQL[] {
  const outcome = (
    event: string,
    o: { key: (deadline: string) => SQL; at: string; person: string; from: string; where: SQL; publishAt?: string; overridden?: string },
  ) => {
    const publishAt = o.publishAt ?? "d.publish_at";
    const deadline = `(${publishAt} - make_interval(hours => ${WINDOW_HOURS}))`;
    const counted = `(d.signed_off_at is not null and d.signed_off_version = d.current_version and d.signed_off_at <= ${deadline})`;
    const key = o.key(deadline);
    return sql`${INSERT} select ${factId("publish_outcome", key)}, ${s.ws}, 'publish_outcome', ${key}, ${sql.raw(deadline)}, ${sql.raw(o.at)},
      ${seconds(deadline, o.at)}, d.brand_id, c.lead_agency_id, d.channel, d.creator_id, ${sql.raw(o.person)}, ${day(s, publishAt)},
      jsonb_build_object('deliverableId', d.id, 'event', ${event}::text, 'publishAt', ${iso(publishAt)}, 'deadline', ${iso(deadline)},
        'version', d.current_version, 'signOffCounted', ${sql.raw(counted)},
        'overridden', ${sql.raw(event === "overridden" ? "true" : (o.overridden ?? `(d.overridden_at is not null and d.overridden_at <= ${o.at})`))})
      from ${sql.raw(o.from)} join campaigns c on c.id = d.campaign_id join brands b on b.id = d.brand_id join workspaces w on w.id = d.workspace_id
      where d.workspace_id = ${s.ws} and ${o.where} ${DONE}`;
  };
  const audited = (action: string) => sql`ae.action = ${action} and ae.workspace_id = ${s.ws}`;
  const AUDIT = "audit_events ae join deliverables d on d.id = ae.object_id";
  const lastAudit = (action: string, pick: string) =>
    `(select ae.${pick} from audit_events ae where ae.object_id = d.id and ae.action = '${action}' order by ae.created_at desc limit 1)`;
  return [
    outcome("scheduled", {
      key: () => sql`d.id || ':scheduled:' || ${iso("(ae.data->>'publishAt')::timestamptz")}`,
      ...{ at: "ae.created_at", person: "ae.actor_user_id", from: AUDIT, publishAt: "(ae.data->>'publishAt')::timestamptz" },
      // The event says whether it went out on an override; older events leave it to the clocks,
      // which differ when the row's times came from the app and the audit's from the database.
      overridden: "coalesce((ae.data->>'overridden')::boolean, d.overridden_at is not null and d.overridden_at <= ae.created_at)",
      where: sql`${audited("deliverable.scheduled")} and ae.data->>'publishAt' is not null`,
    }),
    outcome("scheduled", {
      key: () => sql`d.id || ':scheduled:' || ${iso("d.publish_at")}`,
      ...{ at: `coalesce(${lastAudit("deliverable.scheduled", "created_at")}, d.updated_at)`, from: "deliverables d" },
      person: lastAudit("deliverable.scheduled", "actor_user_id"),
      where: sql`d.status = 'scheduled'`,
    }),
    outcome("published", {
      key: () => sql`d.id || ':published'`,
      ...{ at: `coalesce(${lastAudit("deliverable.published", "created_at")}, d.updated_at)`, from: "deliverables d" },
      person: lastAudit("deliverable.published", "actor_user_id"),
      where: sql`d.status = 'published'`,
    }),
    outcome("overridden", {
      key: () => sql`d.id || ':overridden:' || ${iso("d.overridden_at")}`,
      ...{ at: "d.overridden_at", person: "d.overridden_by", from: "deliverables d" },
      where: sql`d.overridden_at is not null`,
    }),
    outcome("blocked", {
      key: () => sql`d.id || ':blocked:' || (ae.data->>'deadline')`,
      ...{ at: "ae.created_at", person: "null", from: AUDIT, publishAt: "(ae.data->>'publishAt')::timestamptz" },
      where: sql`${audited("deliverable.blocked")} and ae.data->>'deadline' is not null and ae.data->>'publishAt' is not null`,
    }),
    outcome("blocked", {
      key: (deadline) => sql`d.id || ':blocked:' || ${iso(deadline)}`,
      ...{
        at: `coalesce(${lastAudit("deliverable.blocked", "created_at")}, ${"(d.publish_at - make_interval(hours => " + WINDOW_HOURS + "))"})`,
      },
      ...{ person: "null", from: "deliverables d" },
      where: sql`(d.blocked or d.status = 'blocked')`,
    }),
  ];
}

export interface BackfillResult {
  ran: boolean;
  inserted: number;
}

const rowCount = (result: unknown): number => {
  const r = result as { count?: number; affectedRows?: number; rowCount?: number };
  return r.count ?? r.affectedRows ?? r.rowCount ?? 0;
};

export async function backfillInsights(database: Queryable, options: { force?: boolean } = {}): Promise<BackfillResult> {
  if (!options.force) {
    const [{ n }] = await database.select({ n: count() }).from(handoffFacts);
    if (n > 0) return { ran: false, inserted: 0 };
  }
  const zones = await database.select({ id: workspaces.id, timeZone: workspaces.timeZone }).from(workspaces);
  const brandZones = [...new Set((await database.select({ tz: brands.timeZone }).from(brands)).map((b) => b.tz))].filter(isValidTimeZone);
  let inserted = 0;
  await database.transaction(async (tx) => {
    for (const w of zones) {
      const s: Scope = { ws: w.id, tz: isValidTimeZone(w.timeZone) ? w.timeZone : "UTC", brandZones };
      const statements = [
        accessVerified(s),
        linkVerified(s),
        briefAcknowledged(s),
        draftSubmitted(s),
        stageDecided(s),
        ...signedOff(s),
        ...publishOutcomes(s),
      ];
      for (const statement of statements) inserted += rowCount(await tx.execute(statement));
    }
  });
  return { ran: true, inserted };
}
