import { Text } from "@react-email/components";
import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl, previewWorkspace } from "./components/preview-data";
import { cleanSubject, durationText, oneLine } from "./components/text";
import { palette } from "./components/theme";
import { AccentLink, Greeting, MutedText, Paragraph } from "./components/ui";

export interface DecisionCodeProps {
  workspace: WorkspaceBranding;
  recipientName?: string | null;
  deliverableName: string;
  /** The one-time code, 6 digits. */
  code: string;
  expiresInMinutes: number;
  /** The decision link the code was asked from, to go back to it. */
  url: string;
}

export function subject(p: DecisionCodeProps): string {
  return cleanSubject(`Your code for ${oneLine(p.deliverableName)}: ${p.code}`);
}

/** The code a brand asks for before a decision through a decision link counts (decision 052). */
export default function DecisionCodeEmail(p: DecisionCodeProps) {
  const expires = durationText(p.expiresInMinutes);
  return (
    <EmailLayout
      workspace={p.workspace}
      preview={`Your one-time code works for ${expires}.`}
      heading="Your one-time code"
      footerNote="You received this because someone asked for a code on your personal decision link."
    >
      <Greeting name={p.recipientName} />
      <Paragraph>
        Enter this code on the page where you are deciding on {p.deliverableName}. It works once, for {expires}.
      </Paragraph>
      <Text
        style={{
          margin: "0 0 24px",
          fontSize: "32px",
          lineHeight: "40px",
          fontWeight: 700,
          letterSpacing: "6px",
          color: palette.text,
          fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace",
        }}
      >
        {p.code}
      </Text>
      <Paragraph>
        Closed the page? <AccentLink href={p.url}>Open your decision link again</AccentLink> and ask for a new code.
      </Paragraph>
      <MutedText>If you did not ask for a code, ignore this email: without it no decision is recorded in your name.</MutedText>
    </EmailLayout>
  );
}

DecisionCodeEmail.PreviewProps = {
  workspace: previewWorkspace,
  recipientName: "Grace",
  deliverableName: "Instagram Reel: morning routine",
  code: "408213",
  expiresInMinutes: 10,
  url: `${previewBaseUrl}/d/preview-decision-link-token-0123456789abcdefghij`,
} satisfies DecisionCodeProps;
