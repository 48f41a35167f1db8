import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gt } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "@db/schema";
import type { Database } from "../../db/client";
import { DELIVERABLE_INTENTS } from "~/modules/approvals/schemas";
import { CONNECTION_INTENTS } from "~/modules/connections/schemas";
import { DECISION_LINK_INTENTS, type DecisionLinkIntent } from "~/modules/approvals/decision-links/schemas";
import { DIGEST_INTENTS, type DigestIntent } from "~/modules/approvals/signoff-digest/schemas";
import { forwardIntents, linkIntents, type LinkIntent } from "~/modules/onboarding/client-actions.server";
import { call, makeRequest } from "../support/http";

/**
 * Issue 13 point 9, shared by the two files that drive it: audit-every-action.test.ts (workspace and
 * account routes, and the completeness guard over all rows) and audit-every-action-client.test.ts
 * (the client's token routes). A row is one action (route file × intent) with the audit event it
 * must write; a row that legitimately writes none says why.
 */

export type Form = Record<string, string | string[] | Blob>;
export interface Posted {
  route: string;
  path: string;
  params: Record<string, string>;
  form: Form;
  cookie: string | null;
  ip?: string;
}
export type Prepared = Omit<Posted, "route">;

/** The audit events an action writes, in order: one, or (a decision link's move and sign-off) each of its changes. */
export type Expected = { audit: string | string[] } | { none: string };
export const A = (...actions: [string, ...string[]]): Expected => ({ audit: actions.length === 1 ? actions[0] : actions });
export const NONE = (reason: string): Expected => ({ none: reason });

export interface TableRow {
  route: string;
  /** null: the route has one action and no intent field. */
  intent: string | null;
  expected: Expected;
}
export interface Case extends TableRow {
  /** Prepares what the action needs (its own audit events come before the count) and names the request. */
  prepare: () => Promise<Prepared>;
}

/** A route's action called as the browser's form post would call it. */
export async function post(p: Posted): Promise<Response> {
  const mod = (await import(`../../app/routes/${p.route}.tsx`)) as { action: Parameters<typeof call>[0] };
  return call(mod.action, makeRequest(p.path, { form: p.form, cookie: p.cookie, ip: p.ip ?? "203.0.113.99" }), p.params);
}

export const label = (c: TableRow) =>
  `${c.route}${c.intent ? ` [${c.intent}]` : ""} → ${"audit" in c.expected ? [c.expected.audit].flat().join(" + ") : `no audit: ${c.expected.none}`}`;

/** One test per row: the action succeeds and the audit events written during it are exactly the expected one (or none). */
export function describeAuditRows(db: () => Database, cases: Case[]) {
  const lastAuditId = async () => {
    const rows = await db().select({ id: auditEvents.id }).from(auditEvents).orderBy(auditEvents.id);
    return rows.length ? rows[rows.length - 1].id : 0;
  };
  describe("every state-changing action writes exactly one audit event with its name", () => {
    for (const c of cases) {
      it(label(c), async () => {
        const request = await c.prepare();
        const before = await lastAuditId();
        const res = await post({ route: c.route, ...request });
        expect(res.status, await res.clone().text()).toBeLessThan(400);
        const written = (await db().select().from(auditEvents).where(gt(auditEvents.id, before)).orderBy(auditEvents.id)).map(
          (e) => e.action,
        );
        expect(written).toEqual("audit" in c.expected ? [c.expected.audit].flat() : []);
      });
    }
  });
}

/* ------------------------------------------------------------------------------------------------
 * The client's token routes: what each intent records. Driven by audit-every-action-client.test.ts.
 * --------------------------------------------------------------------------------------------- */

export const CLIENT_AUDIT: Record<LinkIntent, Expected> = {
  opened: A("onboarding.opened"),
  "save-asset": NONE("autosave of a typed ID; confirming the step is the audited act"),
  confirm: A("access.confirmed"),
  "not-applicable": A("access.not_applicable"),
  reopen: A("access.reopened"),
  forward: A("onboarding.step_forwarded"),
  contacts: A("onboarding.intake_completed"),
  questionnaire: A("onboarding.intake_completed"),
  "brand-kit": A("onboarding.intake_completed"),
  upload: A("onboarding.files_uploaded"),
  agreement: A("onboarding.agreement_signed"),
  language: A("onboarding.language_changed"),
};

export const LINK_ROUTES = ["onboard.$token", "onboard.$token.autosave"] as const;
export const FORWARD_ROUTES = ["onboard.step.$token", "onboard.step.$token.autosave"] as const;

/** Every row of the client's routes (the page and its autosave endpoint run the same intents). */
export const CLIENT_TABLE: TableRow[] = [
  ...LINK_ROUTES.flatMap((route) => linkIntents.map((intent) => ({ route, intent, expected: CLIENT_AUDIT[intent] }))),
  ...FORWARD_ROUTES.flatMap((route) => forwardIntents.map((intent) => ({ route, intent, expected: CLIENT_AUDIT[intent] }))),
];

/* ------------------------------------------------------------------------------------------------
 * The decision link route (no account): what each intent records, as the link's person "via
 * decision link". Driven by audit-every-action-decision-links.test.ts.
 * --------------------------------------------------------------------------------------------- */

export const DECISION_LINK_AUDIT: Record<DecisionLinkIntent, Expected> = {
  decide: A("draft.signed_off"),
  "move-and-sign-off": A("deliverable.rescheduled", "draft.signed_off"),
  "send-code": NONE("emails a one-time code; the decision it lets count is the audited act"),
};

export const DECISION_LINK_TABLE: TableRow[] = DECISION_LINK_INTENTS.map((intent) => ({
  route: "d.$token",
  intent,
  expected: DECISION_LINK_AUDIT[intent],
}));

/* ------------------------------------------------------------------------------------------------
 * The sign-off digest route (no account, issue 17 part 3): what each intent records, as the link's
 * person "via sign-off digest link". Driven by audit-every-action-decision-links.test.ts.
 * --------------------------------------------------------------------------------------------- */

export const DIGEST_AUDIT: Record<DigestIntent, Expected> = {
  // Two ticked rows: one event each, both through the one decide command.
  "sign-off": A("draft.signed_off", "draft.signed_off"),
  open: NONE("issues the person's own decision link for one draft of the digest; the decision made there is the audited act"),
  "send-code": NONE("emails a one-time code; the sign-offs it lets count are the audited acts"),
};

export const DIGEST_TABLE: TableRow[] = DIGEST_INTENTS.map((intent) => ({
  route: "d.digest.$token",
  intent,
  expected: DIGEST_AUDIT[intent],
}));

/* ------------------------------------------------------------------------------------------------
 * The monthly report's page (issue 16): "send again" is its own audited action, apart from the
 * automatic send. Driven by audit-every-action-monthly-report.test.ts.
 * --------------------------------------------------------------------------------------------- */

export const REPORT_TABLE: TableRow[] = [
  { route: "w.$workspace.insights.report", intent: "send-again", expected: A("brand.report_sent_again") },
];

/* ------------------------------------------------------------------------------------------------
 * The guard: the rows list every route with an action, and every intent each one accepts.
 * --------------------------------------------------------------------------------------------- */

const routesDir = fileURLToPath(new URL("../../app/routes", import.meta.url));

function declaredIntents(route: string, src: string): (string | null)[] {
  if (src.includes("handleDeliverableAction")) return [...DELIVERABLE_INTENTS];
  if (src.includes("runClientIntent")) return route.startsWith("onboard.step.") ? [...forwardIntents] : [...linkIntents];
  if (src.includes("runLinkIntent")) return [...DECISION_LINK_INTENTS];
  if (src.includes("runDigestIntent")) return [...DIGEST_INTENTS];
  if (src.includes("connectionIntentSchema")) return [...CONNECTION_INTENTS];
  const list = /intent: z\.enum\(\[([^\]]+)\]/.exec(src)?.[1] ?? /const INTENTS = \[([^\]]+)\]/.exec(src)?.[1];
  if (!list) return [null];
  return [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
}

export function describeTableGuard(rows: TableRow[]) {
  describe("the table is complete", () => {
    const routes = readdirSync(routesDir)
      .filter((f) => /\.tsx?$/.test(f))
      .filter((f) => /export (async function|const) action\b/.test(readFileSync(path.join(routesDir, f), "utf8")))
      .map((f) => ({ route: f.replace(/\.tsx?$/, ""), src: readFileSync(path.join(routesDir, f), "utf8") }));

    it("finds the routes with actions", () => {
      expect(routes.length).toBeGreaterThan(25);
    });

    it.each(routes.map((r) => [r.route, r.src]))("%s: every intent is in the table, and nothing else", (route, src) => {
      const listed = rows.filter((c) => c.route === route).map((c) => c.intent);
      expect(listed.sort(), `add a row per intent of ${route}`).toEqual(declaredIntents(route, src).sort());
    });

    it("lists no route that has no action", () => {
      const known = new Set(routes.map((r) => r.route));
      expect(rows.map((c) => c.route).filter((r) => !known.has(r))).toEqual([]);
    });

    it("every row without an audit event says why", () => {
      for (const c of rows) if ("none" in c.expected) expect(c.expected.none.length, label(c)).toBeGreaterThan(20);
    });
  });
}
