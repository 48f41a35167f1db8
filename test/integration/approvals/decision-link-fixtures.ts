import type { Database } from "../../../db/client";
import { decide } from "~/modules/approvals/decide.server";
import { call, makeRequest } from "../../support/http";
import type { World } from "../../support/world";
import { ctxOf, emailJobs, submittedDeliverable, type campaignFixture } from "./fixtures";

/** Helpers of the decision link tests: a deliverable waiting for the brand lead, and their link from the queued email. */

type Campaign = Awaited<ReturnType<typeof campaignFixture>>;
type Props = { url: string; decisionUrl?: string | null };

/** The decision link (token) of the newest approval email to `email` about this deliverable, opened as the worker would. */
export async function linkTokenFor(db: Database, deliverableId: string, email: string, template = "draft-submitted"): Promise<string> {
  const jobs = (await emailJobs(db, template))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .filter((j) => {
      const p = j.payload as { to: string; props: Props };
      return p.to === email && p.props.url.endsWith(deliverableId);
    });
  const url = (jobs.at(-1)?.payload as { props: Props } | undefined)?.props.decisionUrl;
  if (!url) throw new Error(`no decision link for ${email} about ${deliverableId}`);
  return new URL(url).pathname.split("/")[2];
}

/** v1 submitted and approved by the agency: the brand lead's sign-off is next; returns the lead's link. */
export async function atSignOff(db: Database, world: World, campaign: Campaign, opts: Parameters<typeof submittedDeliverable>[2] = {}) {
  const id = await submittedDeliverable(world, campaign, opts);
  const approved = await decide(await ctxOf(world, "agencyMember"), { deliverableId: id, version: 1, decision: "approve", comment: null });
  if (!approved.ok) throw new Error(approved.problem.message);
  return { id, token: await linkTokenFor(db, id, world.users.brandLead.email) };
}

let ip = 1;
/** A fresh client address per request, so tests never meet each other's rate limits. */
export const freshIp = () => `198.18.${Math.floor(ip / 250)}.${ip++ % 250}`;

const page = () => import("~/routes/d.$token");
const media = () => import("~/routes/d.$token.files.$fileId");

export async function openLinkPage(token: string, opts: { query?: string; ip?: string; cookie?: string } = {}) {
  const { loader } = await page();
  return call(loader, makeRequest(`/d/${token}${opts.query ?? ""}`, { ip: opts.ip ?? freshIp(), cookie: opts.cookie }), { token });
}

export async function postLink(token: string, form: Record<string, string | string[] | Blob>, opts: { ip?: string; cookie?: string } = {}) {
  const { action } = await page();
  return call(action, makeRequest(`/d/${token}`, { form, ip: opts.ip ?? freshIp(), cookie: opts.cookie }), { token });
}

export async function linkMedia(token: string, fileId: string, query = "") {
  const { loader } = await media();
  return call(loader, makeRequest(`/d/${token}/files/${fileId}${query}`, { ip: freshIp() }), { token, fileId });
}
