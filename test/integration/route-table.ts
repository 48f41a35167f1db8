import * as approvals from "./routes/approvals";
import * as briefs from "./routes/briefs";
import * as calendar from "./routes/calendar";
import * as connections from "./routes/connections";
import * as customPlatforms from "./routes/custom-platforms";
import * as decisionLinks from "./routes/decision-links";
import * as insightsPage from "./routes/insights-page";
import * as monthlyReport from "./routes/monthly-report";
import * as onboarding from "./routes/onboarding";
import * as signoffDigest from "./routes/signoff-digest";
import { ADMINS, EVERYONE, SCOPED, type RouteCase } from "./route-types";

export type { RouteCase, Who } from "./route-types";

/** Every workspace route with who may use it; the isolation test covers each row. */
export const CAPABILITY_ROUTES = [
  onboarding,
  customPlatforms,
  connections,
  briefs,
  approvals,
  calendar,
  decisionLinks,
  signoffDigest,
  monthlyReport,
  insightsPage,
];

export const ROUTES: RouteCase[] = [
  ...CAPABILITY_ROUTES.flatMap((c) => c.ROUTES),
  { name: "home", path: "/w/:workspace", method: "GET", load: () => import("~/routes/w.$workspace._index"), allowed: EVERYONE },
  { name: "layout", path: "/w/:workspace", method: "GET", load: () => import("~/routes/w.$workspace"), allowed: EVERYONE },
  {
    name: "notifications",
    path: "/w/:workspace/notifications",
    method: "GET",
    load: () => import("~/routes/w.$workspace.notifications"),
    allowed: EVERYONE,
  },
  {
    name: "away and delegate",
    path: "/w/:workspace/away",
    method: "GET",
    load: () => import("~/routes/w.$workspace.away"),
    allowed: ["owner", "admin", "coordinator", "agencyMember", "brandLead"],
    denied: ["creator", "clientContact"],
  },
  {
    name: "away and delegate (action)",
    path: "/w/:workspace/away",
    method: "POST",
    load: () => import("~/routes/w.$workspace.away"),
    form: { intent: "clear" },
    allowed: ["owner", "admin", "coordinator", "agencyMember", "brandLead"],
    denied: ["creator", "clientContact"],
  },
  {
    name: "members",
    path: "/w/:workspace/members",
    method: "GET",
    load: () => import("~/routes/w.$workspace.members"),
    allowed: ADMINS,
    denied: ["coordinator", ...SCOPED],
  },
  {
    name: "members (action)",
    path: "/w/:workspace/members",
    method: "POST",
    load: () => import("~/routes/w.$workspace.members"),
    form: { intent: "invite", email: "x@example.test", role: "admin" },
    allowed: ADMINS,
    denied: ["coordinator", ...SCOPED],
  },
  {
    name: "directory",
    path: "/w/:workspace/directory",
    method: "GET",
    load: () => import("~/routes/w.$workspace.directory"),
    allowed: ADMINS,
    denied: ["coordinator", ...SCOPED],
  },
  {
    name: "directory (action)",
    path: "/w/:workspace/directory",
    method: "POST",
    load: () => import("~/routes/w.$workspace.directory"),
    form: { intent: "delete-brand", id: "x" },
    allowed: ADMINS,
    denied: ["coordinator", ...SCOPED],
  },
  {
    name: "settings",
    path: "/w/:workspace/settings",
    method: "GET",
    load: () => import("~/routes/w.$workspace.settings"),
    allowed: ADMINS,
    denied: ["coordinator", ...SCOPED],
  },
  {
    name: "settings (action)",
    path: "/w/:workspace/settings",
    method: "POST",
    load: () => import("~/routes/w.$workspace.settings"),
    form: { name: "X" },
    allowed: ADMINS,
    denied: ["coordinator", ...SCOPED],
  },
  {
    name: "audit",
    path: "/w/:workspace/audit",
    method: "GET",
    load: () => import("~/routes/w.$workspace.audit"),
    allowed: ADMINS,
    denied: ["coordinator", ...SCOPED],
  },
  {
    name: "audit csv",
    path: "/w/:workspace/audit.csv",
    method: "GET",
    load: () => import("~/routes/w.$workspace.audit[.]csv"),
    allowed: ADMINS,
    denied: ["coordinator", ...SCOPED],
  },
  {
    name: "webhooks",
    path: "/w/:workspace/webhooks",
    method: "GET",
    load: () => import("~/routes/w.$workspace.webhooks"),
    allowed: ADMINS,
    denied: ["coordinator", ...SCOPED],
  },
  {
    name: "webhooks (action)",
    path: "/w/:workspace/webhooks",
    method: "POST",
    load: () => import("~/routes/w.$workspace.webhooks"),
    form: { intent: "create", url: "https://example.com/hook" },
    allowed: ADMINS,
    denied: ["coordinator", ...SCOPED],
  },
  {
    name: "file",
    path: "/w/:workspace/files/:fileId",
    method: "GET",
    params: { fileId: "fileA" },
    load: () => import("~/routes/w.$workspace.files.$fileId"),
    allowed: [],
  },
  {
    name: "uploads (action)",
    path: "/w/:workspace/uploads",
    method: "POST",
    load: () => import("~/routes/w.$workspace.uploads"),
    form: { purpose: "other" },
    allowed: EVERYONE,
  },
];
