import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

export type Who = "owner" | "admin" | "coordinator" | "agencyMember" | "brandLead" | "creator" | "clientContact" | "outsider";

type Fn = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;

export interface RouteCase {
  name: string;
  path: string;
  method: "GET" | "POST";
  load: () => Promise<{ loader?: Fn; action?: Fn }>;
  /** Param name → a key of the test's id map (or a literal). */
  params?: Record<string, string>;
  form?: Record<string, string>;
  allowed: Who[];
  denied?: Who[];
}

export const SCOPED: Who[] = ["agencyMember", "brandLead", "creator", "clientContact"];
export const ADMINS: Who[] = ["owner", "admin"];
export const EVERYONE: Who[] = ["owner", "admin", "coordinator", ...SCOPED];
