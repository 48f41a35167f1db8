import { json } from "@remix-run/node";
import { STATUS_OF } from "~/utils/action-data.server";
import { gone, notFound } from "~/utils/outcome";
import { TOKEN_PAGE_HEADERS } from "../decision-links/answers.server";
import type { DigestDoor } from "./context.server";

/**
 * The sign-off digest route's edge (d.digest.$token): what a link that opens nothing answers, with
 * the same headers as every page under a token (no-store, noindex; no-referrer from server/security.ts).
 */

/** An unknown link is not found; an ended one is gone, in its workspace's colours, with the way in by signing in. */
export function digestEndedPage(door: Exclude<DigestDoor, { state: "valid" }>) {
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
      signInPath: `/w/${workspace.slug}/approvals?mine=1`,
    },
    { status: STATUS_OF.gone, headers: TOKEN_PAGE_HEADERS },
  );
}

export const DIGEST_ENDED = "This sign-off list can no longer be used. Sign in to Baton to see your approvals.";
/** What every change through a digest link answers once it has ended meanwhile, or never existed. */
export const closedDigest = (state: "invalid" | "expired" | "revoked") =>
  state === "invalid" ? notFound(DIGEST_ENDED) : gone(DIGEST_ENDED);
