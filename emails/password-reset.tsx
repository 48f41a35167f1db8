import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl } from "./components/preview-data";
import { cleanSubject, durationText } from "./components/text";
import { ActionButton, LinkFallback, MutedText, Paragraph } from "./components/ui";

export interface PasswordResetProps {
  /** Optional: accounts are not tied to a workspace, so this defaults to Baton's own branding. */
  workspace?: WorkspaceBranding | null;
  url: string;
  expiresInMinutes: number;
}

export function subject(_props: PasswordResetProps): string {
  return cleanSubject("Reset your Baton password");
}

export default function PasswordResetEmail({ workspace, url, expiresInMinutes }: PasswordResetProps) {
  const expires = durationText(expiresInMinutes);
  return (
    <EmailLayout
      workspace={workspace}
      preview={`Choose a new password. The link expires in ${expires}.`}
      heading="Reset your password"
      footerNote="You received this because someone asked to reset the password for this email address."
    >
      <Paragraph>Use the button below to choose a new password. The link works once and expires in {expires}.</Paragraph>
      <ActionButton href={url}>Choose a new password</ActionButton>
      <LinkFallback href={url} />
      <MutedText>If you did not ask for this, ignore this email: your password stays as it is.</MutedText>
    </EmailLayout>
  );
}

PasswordResetEmail.PreviewProps = {
  workspace: null,
  url: `${previewBaseUrl}/reset-password?token=preview-reset-token`,
  expiresInMinutes: 60,
} satisfies PasswordResetProps;
