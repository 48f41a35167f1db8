/**
 * The registry of every email Baton sends. Import-safe anywhere (no server-only modules, no
 * renderer): pair it with `renderEmail` from `@emails/render` where the HTML is produced.
 *
 *   function sendEmail<N extends EmailTemplateName>(msg: { template: N; props: EmailProps<N> }): …
 *   sendEmail({ template: "invitation", props: { workspace, inviterName, … } }); // type checked
 *
 * Props are plain JSON (strings, numbers, booleans, arrays): dates arrive already formatted for
 * the recipient, so a queued email's props can be stored in the outbox and rendered later.
 */
import { createElement, type FunctionComponent, type ReactElement } from "react";

import AccessAlert, { subject as accessAlertSubject } from "./access-alert";
import AccessAllVerified, { subject as accessAllVerifiedSubject } from "./access-all-verified";
import AccessLost, { subject as accessLostSubject } from "./access-lost";
import AccessReopened, { subject as accessReopenedSubject } from "./access-reopened";
import AccessRejected, { subject as accessRejectedSubject } from "./access-rejected";
import BriefAcknowledgmentRequest, { subject as briefAcknowledgmentRequestSubject } from "./brief-acknowledgment-request";
import ConflictDigest, { subject as conflictDigestSubject } from "./conflict-digest";
import DecisionCode, { subject as decisionCodeSubject } from "./decision-code";
import DeliverableBlocked, { subject as deliverableBlockedSubject } from "./deliverable-blocked";
import DeliverablePublished, { subject as deliverablePublishedSubject } from "./deliverable-published";
import DraftChangesRequested, { subject as draftChangesRequestedSubject } from "./draft-changes-requested";
import DraftSignedOff, { subject as draftSignedOffSubject } from "./draft-signed-off";
import DraftSubmitted, { subject as draftSubmittedSubject } from "./draft-submitted";
import EmailVerification, { subject as emailVerificationSubject } from "./email-verification";
import Invitation, { subject as invitationSubject } from "./invitation";
import MonthlyReport, { subject as monthlyReportSubject } from "./monthly-report";
import NotificationDigest, { subject as notificationDigestSubject } from "./notification-digest";
import OnboardingCompleted, { subject as onboardingCompletedSubject } from "./onboarding-completed";
import OnboardingLink, { subject as onboardingLinkSubject } from "./onboarding-link";
import OnboardingReminder, { subject as onboardingReminderSubject } from "./onboarding-reminder";
import OnboardingStepForwarded, { subject as onboardingStepForwardedSubject } from "./onboarding-step-forwarded";
import PasswordReset, { subject as passwordResetSubject } from "./password-reset";
import SignInLink, { subject as signInLinkSubject } from "./sign-in-link";
import SignoffDigest, { subject as signoffDigestSubject } from "./signoff-digest";
import SignoffReminder, { subject as signoffReminderSubject } from "./signoff-reminder";
import StageEscalated, { subject as stageEscalatedSubject } from "./stage-escalated";

export interface EmailTemplate<P> {
  /** The react-email component; `PreviewProps` holds demo props for `npx email dev`. */
  component: ((props: P) => ReactElement) & { PreviewProps: P };
  /** One-line plain-text subject (no CR/LF). */
  subject: (props: P) => string;
}

/** P is inferred from the component's parameter only (PreviewProps is checked, not inferred from). */
function define<P>(
  component: ((props: P) => ReactElement) & { PreviewProps: NoInfer<P> },
  subject: (props: NoInfer<P>) => string,
): EmailTemplate<P> {
  return { component, subject };
}

export const emailTemplates = {
  "sign-in-link": define(SignInLink, signInLinkSubject),
  "password-reset": define(PasswordReset, passwordResetSubject),
  "email-verification": define(EmailVerification, emailVerificationSubject),
  invitation: define(Invitation, invitationSubject),
  "onboarding-link": define(OnboardingLink, onboardingLinkSubject),
  "onboarding-step-forwarded": define(OnboardingStepForwarded, onboardingStepForwardedSubject),
  "onboarding-reminder": define(OnboardingReminder, onboardingReminderSubject),
  "access-rejected": define(AccessRejected, accessRejectedSubject),
  "onboarding-completed": define(OnboardingCompleted, onboardingCompletedSubject),
  "access-alert": define(AccessAlert, accessAlertSubject),
  "access-all-verified": define(AccessAllVerified, accessAllVerifiedSubject),
  "access-lost": define(AccessLost, accessLostSubject),
  "access-reopened": define(AccessReopened, accessReopenedSubject),
  "brief-acknowledgment-request": define(BriefAcknowledgmentRequest, briefAcknowledgmentRequestSubject),
  "draft-submitted": define(DraftSubmitted, draftSubmittedSubject),
  "draft-changes-requested": define(DraftChangesRequested, draftChangesRequestedSubject),
  "draft-signed-off": define(DraftSignedOff, draftSignedOffSubject),
  "signoff-reminder": define(SignoffReminder, signoffReminderSubject),
  "signoff-digest": define(SignoffDigest, signoffDigestSubject),
  "stage-escalated": define(StageEscalated, stageEscalatedSubject),
  "decision-code": define(DecisionCode, decisionCodeSubject),
  "deliverable-blocked": define(DeliverableBlocked, deliverableBlockedSubject),
  "deliverable-published": define(DeliverablePublished, deliverablePublishedSubject),
  "conflict-digest": define(ConflictDigest, conflictDigestSubject),
  "notification-digest": define(NotificationDigest, notificationDigestSubject),
  "monthly-report": define(MonthlyReport, monthlyReportSubject),
} as const;

type Registry = typeof emailTemplates;

/** "sign-in-link" | "password-reset" | "invitation" | … */
export type EmailTemplateName = keyof Registry;

/** The props of one template, e.g. `EmailProps<"invitation">`. */
export type EmailProps<N extends EmailTemplateName> = Registry[N] extends EmailTemplate<infer P> ? P : never;

/** A template name with matching props; a discriminated union over every template (outbox payloads). */
export type EmailMessage = { [N in EmailTemplateName]: { template: N; props: EmailProps<N> } }[EmailTemplateName];

export const emailTemplateNames = Object.keys(emailTemplates) as EmailTemplateName[];

export function isEmailTemplateName(name: unknown): name is EmailTemplateName {
  return typeof name === "string" && Object.prototype.hasOwnProperty.call(emailTemplates, name);
}

/** The typed template for a name. */
export function getEmailTemplate<N extends EmailTemplateName>(name: N): EmailTemplate<EmailProps<N>> {
  return emailTemplates[name] as unknown as EmailTemplate<EmailProps<N>>;
}

/** The subject and React element for a template, ready for `render()` or Resend's `react` field. */
export function buildEmail<N extends EmailTemplateName>(template: N, props: EmailProps<N>): { subject: string; element: ReactElement } {
  const t = getEmailTemplate(template);
  // Generic props cannot satisfy createElement's `P extends {}`; every template's props are objects.
  const component = t.component as unknown as FunctionComponent<object>;
  return { subject: t.subject(props), element: createElement(component, props as object) };
}

export type { WorkspaceBranding } from "./components/branding";
