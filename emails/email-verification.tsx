import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl } from "./components/preview-data";
import { cleanSubject, durationText } from "./components/text";
import { ActionButton, LinkFallback, MutedText, Paragraph } from "./components/ui";

export interface EmailVerificationProps {
  /** Optional: accounts are not tied to a workspace, so this defaults to Baton's own branding. */
  workspace?: WorkspaceBranding | null;
  /** The name typed at sign-up, so the owner of the address can tell whether it was them. */
  name: string;
  url: string;
  expiresInMinutes: number;
}

export function subject(_props: EmailVerificationProps): string {
  return cleanSubject("Confirm your email for Baton");
}

export default function EmailVerificationEmail({ workspace, name, url, expiresInMinutes }: EmailVerificationProps) {
  const expires = durationText(expiresInMinutes);
  return (
    <EmailLayout
      workspace={workspace}
      preview={`Confirm your email to finish creating your Baton account. The link expires in ${expires}.`}
      heading="Confirm your email"
      footerNote="You received this because someone created a Baton account with this email address."
    >
      <Paragraph>
        A Baton account was created with this address for {name}. Confirm it is yours to finish and sign in. The link works once and expires
        in {expires}.
      </Paragraph>
      <ActionButton href={url}>Confirm my email</ActionButton>
      <LinkFallback href={url} />
      <MutedText>
        If you did not create this account, ignore this email: without your confirmation nobody can sign in with its password.
      </MutedText>
    </EmailLayout>
  );
}

EmailVerificationEmail.PreviewProps = {
  workspace: null,
  name: "Olivia Owner",
  url: `${previewBaseUrl}/verify-email/preview-verification-token`,
  expiresInMinutes: 1440,
} satisfies EmailVerificationProps;
