import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl, previewWorkspace } from "./components/preview-data";
import { cleanSubject, oneLine } from "./components/text";
import { DecisionLinkNote } from "./components/decision-link-note";
import { ActionButton, Greeting, KeyValueRows, LinkFallback, Notice, Paragraph } from "./components/ui";

export interface StageEscalatedProps {
  workspace: WorkspaceBranding;
  recipientName?: string | null;
  campaignName: string;
  deliverableName: string;
  version: number;
  /** The stage that sits without a decision, e.g. "Agency review". */
  stageName: string;
  /** Who it waits for, e.g. "Ana Ruiz, Ben Ode (for Cleo Diaz)". */
  waitingFor: string;
  /** How long it has waited, e.g. "7 h 30 min". */
  waited: string;
  /** The sign-off deadline, already formatted for the recipient. */
  deadline: string;
  /** "backup": the stage's backup approver, who may now decide it; "coordinator": told to chase it. */
  role: "backup" | "coordinator";
  url: string;
  /** The backup's personal decision link (decision 052); null for the coordinator. */
  decisionUrl?: string | null;
}

export function subject(p: StageEscalatedProps): string {
  return cleanSubject(`No decision yet at ${oneLine(p.stageName)}: ${oneLine(p.deliverableName)}`);
}

export default function StageEscalatedEmail(p: StageEscalatedProps) {
  const backup = p.role === "backup";
  return (
    <EmailLayout
      workspace={p.workspace}
      preview={`${p.deliverableName} has waited ${p.waited} at ${p.stageName}. Sign-off deadline: ${p.deadline}.`}
      heading={`${p.stageName} is waiting on ${p.deliverableName}`}
      footerNote={
        backup
          ? "You received this because you are the backup approver of this stage on the campaign's route."
          : "You received this because you coordinate this campaign."
      }
    >
      <Greeting name={p.recipientName} />
      <Paragraph>
        Version {p.version} of {p.deliverableName} for {p.campaignName} has waited {p.waited} at {p.stageName} without a decision from{" "}
        {p.waitingFor}.
      </Paragraph>
      <Notice tone="warning">
        {backup
          ? "As the stage's backup approver you may now decide it: your approval completes the stage."
          : "Chase the approvers, or ask the stage's backup to decide, before the sign-off deadline."}{" "}
        Without sign-off by {p.deadline}, the deliverable is blocked.
      </Notice>
      <KeyValueRows
        rows={[
          { label: "Campaign", value: p.campaignName },
          { label: "Stage", value: p.stageName },
          { label: "Waiting for", value: p.waitingFor },
          { label: "Sign-off deadline", value: p.deadline },
        ]}
      />
      <ActionButton href={p.decisionUrl ?? p.url}>{backup ? "Review and decide" : "Open deliverable"}</ActionButton>
      <LinkFallback href={p.decisionUrl ?? p.url} />
      {p.decisionUrl ? <DecisionLinkNote url={p.url} /> : null}
    </EmailLayout>
  );
}

StageEscalatedEmail.PreviewProps = {
  workspace: previewWorkspace,
  recipientName: "Carl",
  campaignName: "Lumen Summer Glow",
  deliverableName: "Instagram Reel: morning routine",
  version: 2,
  stageName: "Agency review",
  waitingFor: "Ana Ruiz, Ben Ode (for Cleo Diaz)",
  waited: "7 h 30 min",
  deadline: "Thu 13 Mar, 17:00 CET",
  role: "backup",
  url: `${previewBaseUrl}/w/northwind/deliverables/dlv_preview`,
  decisionUrl: `${previewBaseUrl}/d/preview-decision-link-token-0123456789abcdefghij`,
} satisfies StageEscalatedProps;
