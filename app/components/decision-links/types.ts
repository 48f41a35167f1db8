import type { SerializeFrom } from "@remix-run/node";
import type { DecisionPageData } from "~/modules/approvals/decision-links/page.server";
import type { DigestPageData } from "~/modules/approvals/signoff-digest/page.server";

/** A decision link's page as its loader sends it. */
export type LinkPage = SerializeFrom<DecisionPageData>;

/** A sign-off digest's page as its loader sends it (issue 17 part 3), and one of its rows. */
export type DigestPage = SerializeFrom<DigestPageData>;
export type DigestRow = DigestPage["rows"][number];
