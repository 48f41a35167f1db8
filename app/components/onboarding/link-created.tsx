import { Alert, ButtonLink, Card, CopyButton, PageHeader } from "~/components/ui";

export interface CreatedLinkView {
  linkId: string;
  url: string;
  emailed: boolean;
  /** The contact's email the link went to, if any. */
  to: string | null;
}

/**
 * The answer to "Create link": the link's URL, shown this once (Baton keeps only a fingerprint of
 * the token), so it is the action's answer and not a page that could be opened again.
 */
export function LinkCreated({ base, created }: { base: string; created: CreatedLinkView }) {
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader
        title="Link created"
        breadcrumbs={[{ label: "Onboarding links", to: base }]}
        description={
          created.emailed
            ? `We emailed the link to ${created.to}. You can also copy it below.`
            : "Copy the link and send it to your client."
        }
      />
      <Card>
        <div className="space-y-4">
          <CopyButton value={created.url} label="Onboarding link" showLabel />
          <Alert tone="info">
            This is the only time the link is shown: Baton keeps only a fingerprint of it. If it gets lost, re-issue it from the link&apos;s
            page.
          </Alert>
          <div className="flex flex-wrap gap-2">
            <ButtonLink to={`${base}/${created.linkId}`}>Open the link&apos;s page</ButtonLink>
            <ButtonLink to={`${base}/new`} variant="secondary">
              Create another
            </ButtonLink>
          </div>
        </div>
      </Card>
    </div>
  );
}
