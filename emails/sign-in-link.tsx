import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl } from "./components/preview-data";
import { cleanSubject, durationText } from "./components/text";
import { ActionButton, LinkFallback, MutedText, Paragraph } from "./components/ui";

export interface SignInLinkProps {
  /** Optional: sign-in is not tied to a workspace, so this defaults to Baton's own branding. */
  workspace?: WorkspaceBranding | null;
  url: string;
  expiresInMinutes: number;
}

export function subject(_props: SignInLinkProps): string {
  return cleanSubject("Your Baton sign-in link");
}

export default function SignInLinkEmail({ workspace, url, expiresInMinutes }: SignInLinkProps) {
  const expires = durationText(expiresInMinutes);
  return (
    <EmailLayout
      workspace={workspace}
      preview={`Your sign-in link expires in ${expires}.`}
      heading="Sign in to Baton"
      footerNote="You received this because someone asked to sign in with this email address."
    >
      <Paragraph>Use the button below to sign in. The link works once and expires in {expires}.</Paragraph>
      <ActionButton href={url}>Sign in</ActionButton>
      <LinkFallback href={url} />
      <MutedText>If you did not ask to sign in, you can ignore this email; nobody can sign in without this link.</MutedText>
    </EmailLayout>
  );
}

SignInLinkEmail.PreviewProps = {
  workspace: null,
  url: `${previewBaseUrl}/login/verify?token=preview-sign-in-token`,
  expiresInMinutes: 15,
} satisfies SignInLinkProps;
