import { json } from "@remix-run/node";
import { STATUS_OF } from "~/utils/action-data.server";
import { deliverablePath } from "../people.server";
import type { DecisionDoor } from "./context.server";

/**
 * The decision link routes' edge (d.$token, d.$token.files.$fileId): the headers every page under a
 * token sends, and what a link that opens nothing answers. Kinds become statuses only through
 * `~/utils/action-data.server`.
 */

/**
 * The token is the credential: never cached, never indexed (security.md 14). `Referrer-Policy:
 * no-referrer` comes from server/security.ts for every /d/ path (set here too, it would be sent twice).
 */
export const TOKEN_PAGE_HEADERS = {
  "Cache-Control": "no-store",
  "X-Robots-Tag": "noindex",
} as const;

/** An unknown link is not found; an ended one is gone, in its workspace's colours, with the way in by signing in. */
export function endedPage(door: Exclude<DecisionDoor, { state: "valid" }>) {
  if (door.state === "invalid") {
    return json(
      { state: "invalid" as const, workspace: null, signInPath: null },
      { status: STATUS_OF.not_found, headers: TOKEN_PAGE_HEADERS },
    );
  }
  const { workspace } = door;
  return json(
    {
      state: door.state,
      workspace: { name: workspace.name, logoUrl: workspace.logoUrl, accentColor: workspace.accentColor },
      signInPath: door.deliverableId ? deliverablePath(workspace.slug, door.deliverableId) : null,
    },
    { status: STATUS_OF.gone, headers: TOKEN_PAGE_HEADERS },
  );
}
