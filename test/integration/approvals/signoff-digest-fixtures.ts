import { eq } from "drizzle-orm";
import { brands } from "@db/schema";
import type { Database } from "../../../db/client";
import { runSignoffDigest } from "~/modules/approvals/signoff-digest/job.server";
import { nextDigestSlot } from "~/modules/approvals/signoff-digest/schedule";
import { call, makeRequest } from "../../support/http";
import { freshIp } from "./decision-link-fixtures";
import { emailJobs } from "./fixtures";

/** Helpers of the sign-off digest tests (issue 17 part 3): run a brand's digest, read its link, use its page. */

type DigestProps = { url: string; brandName: string; total: number; items: { title: string }[] };

/** The digest emails queued so far to `email`, oldest first, opened as the worker would (props are sealed). */
export async function digestEmails(db: Database, email: string) {
  return (await emailJobs(db, "signoff-digest"))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
    .map((j) => ({ job: j, ...(j.payload as { to: string; props: DigestProps }) }))
    .filter((p) => p.to === email);
}

/** The token of the newest digest email to `email`. */
export async function digestTokenFor(db: Database, email: string): Promise<string> {
  const newest = (await digestEmails(db, email)).at(-1);
  if (!newest) throw new Error(`no sign-off digest for ${email}`);
  return new URL(newest.props.url).pathname.split("/")[3];
}

/** The brand's next 08:00 after `after` (in its current zone), and its digest run at that very moment. */
export async function runDigestAtNextSlot(db: Database, brandId: string, after = new Date()) {
  const [brand] = await db.select().from(brands).where(eq(brands.id, brandId));
  const slot = nextDigestSlot(after, brand.timeZone);
  const queued = await runSignoffDigest({ brandId, at: slot.at }, slot.at);
  return { ...slot, queued };
}

const page = () => import("~/routes/d.digest.$token");

export async function openDigest(token: string, opts: { query?: string; ip?: string } = {}) {
  const { loader } = await page();
  return call(loader, makeRequest(`/d/digest/${token}${opts.query ?? ""}`, { ip: opts.ip ?? freshIp() }), { token });
}

export async function postDigest(
  token: string,
  form: Record<string, string | string[] | Blob>,
  opts: { ip?: string; cookie?: string } = {},
) {
  const { action } = await page();
  return call(action, makeRequest(`/d/digest/${token}`, { form, ip: opts.ip ?? freshIp(), cookie: opts.cookie }), { token });
}
