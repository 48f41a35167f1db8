import type { AccessStatus } from "./access-status";
import { CLIENT_HELD_STATUSES, isAccessStatus } from "./access-status";
import { linkProgress, type IntakeStepKey, type LinkProgress } from "./progress";
import type { QuestionnaireDraft } from "./questionnaire";
import type { ContactsDraft } from "./schemas";

/**
 * The shape of the two jsonb columns of an onboarding link, read tolerantly (a column written by an
 * older version, or by hand, never breaks a page), and the link's derived state. Pure.
 */

export interface LinkIntake {
  brandKit: boolean;
  contacts: boolean;
  questionnaire: boolean;
  agreement: boolean;
  agreementText: string;
  /** The agency's note to the client, shown on the page and in the email. */
  message: string;
  recipientName: string;
  /** The agency whose member created the link: agency members see only their agency's links. */
  agencyId: string | null;
  idempotencyKey: string | null;
  /** When the current token was issued (a re-issue restarts the client's reminders), or null: at creation. */
  issuedAt: string | null;
}

export interface BrandKitFile {
  id: string;
  name: string;
  size: number;
  mime: string;
}

export interface LinkAnswers {
  brandKit: { files: BrandKitFile[]; note: string; done: boolean };
  contacts: ContactsDraft & { done: boolean };
  questionnaire: QuestionnaireDraft & { done: boolean };
  /** What the client typed into an asset ID field that did not validate yet, per step id. */
  drafts: Record<string, string>;
  /** The brand-lead invitation made for the named approver when the link completed. */
  approverInvitationId: string | null;
}

const str = (v: unknown, fallback = ""): string => (typeof v === "string" ? v : fallback);
const bool = (v: unknown): boolean => v === true;
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

export function readIntake(raw: unknown): LinkIntake {
  const v = obj(raw);
  return {
    brandKit: bool(v.brandKit),
    contacts: bool(v.contacts),
    questionnaire: bool(v.questionnaire),
    agreement: bool(v.agreement),
    agreementText: str(v.agreementText),
    message: str(v.message),
    recipientName: str(v.recipientName),
    agencyId: typeof v.agencyId === "string" ? v.agencyId : null,
    idempotencyKey: typeof v.idempotencyKey === "string" ? v.idempotencyKey : null,
    issuedAt: typeof v.issuedAt === "string" ? v.issuedAt : null,
  };
}

export function readAnswers(raw: unknown): LinkAnswers {
  const v = obj(raw);
  const kit = obj(v.brandKit);
  const contacts = obj(v.contacts);
  const q = obj(v.questionnaire);
  const files = Array.isArray(kit.files) ? kit.files : [];
  const drafts = obj(v.drafts);
  return {
    brandKit: {
      files: files
        .map((f) => obj(f))
        .filter((f) => typeof f.id === "string")
        .map((f) => ({ id: str(f.id), name: str(f.name, "file"), size: typeof f.size === "number" ? f.size : 0, mime: str(f.mime) })),
      note: str(kit.note),
      done: bool(kit.done),
    },
    contacts: {
      contactName: str(contacts.contactName),
      contactEmail: str(contacts.contactEmail),
      contactRole: str(contacts.contactRole),
      approverName: str(contacts.approverName),
      approverEmail: str(contacts.approverEmail),
      otherContacts: str(contacts.otherContacts),
      done: bool(contacts.done),
    },
    questionnaire: {
      brandStory: str(q.brandStory),
      audience: str(q.audience),
      keyCompetitors: str(q.keyCompetitors),
      toneOfVoice: str(q.toneOfVoice),
      done: bool(q.done),
    },
    drafts: Object.fromEntries(Object.entries(drafts).filter((e): e is [string, string] => typeof e[1] === "string")),
    approverInvitationId: typeof v.approverInvitationId === "string" ? v.approverInvitationId : null,
  };
}

export const intakeLabels: Record<IntakeStepKey, string> = {
  brand_kit: "Brand kit",
  contacts: "Contacts and approvers",
  questionnaire: "About your brand",
  agreement: "Agreement",
};

/** The intake steps this link asks for, each with whether the client finished it. */
export function intakeSteps(
  intake: LinkIntake,
  answers: LinkAnswers,
  agreementAt: Date | string | null,
): Array<{ key: IntakeStepKey; done: boolean }> {
  const out: Array<{ key: IntakeStepKey; done: boolean }> = [];
  if (intake.brandKit) out.push({ key: "brand_kit", done: answers.brandKit.done });
  if (intake.contacts) out.push({ key: "contacts", done: answers.contacts.done });
  if (intake.questionnaire) out.push({ key: "questionnaire", done: answers.questionnaire.done });
  if (intake.agreement) out.push({ key: "agreement", done: agreementAt !== null });
  return out;
}

export function progressOf(
  link: { intake: unknown; answers: unknown; agreementAt: Date | string | null },
  steps: ReadonlyArray<{ status: string }>,
): LinkProgress {
  return linkProgress({
    platformSteps: steps.map((s) => ({ status: isAccessStatus(s.status) ? s.status : "requested" })),
    intakeSteps: intakeSteps(readIntake(link.intake), readAnswers(link.answers), link.agreementAt),
  });
}

export type LinkState = "active" | "completed" | "verified" | "expired" | "revoked" | "replaced";

export function linkState(
  link: { revokedAt: Date | null; replacedById: string | null; expiresAt: Date; completedAt: Date | null; allVerifiedAt: Date | null },
  now: Date,
): LinkState {
  if (link.replacedById) return "replaced";
  if (link.revokedAt) return "revoked";
  if (link.allVerifiedAt) return "verified";
  if (link.completedAt) return "completed";
  if (link.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

/** Whether the client still has something to do on this platform step (asked, rejected, or lost): the table says. */
export function isOpenForClient(status: AccessStatus): boolean {
  return CLIENT_HELD_STATUSES.includes(status);
}
