import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { LiveRegion } from "~/components/approvals/live-region";
import { Badge, Button, Card, FormError, TextAreaField, TextField } from "~/components/ui";
import { FileUpload } from "~/components/upload/file-upload";
import { formatCount } from "~/utils/numbers";
import { useResult, type DeliverablePageData } from "./deliverable-result";

export function SubmitPanel({ page, maxUploadBytes }: { page: DeliverablePageData; maxUploadBytes: number }) {
  const result = useResult("submit");
  const [uploading, setUploading] = useState(false);
  const busy = useNavigation().state === "submitting";
  const current = page.versions[0] ?? null;
  const values = result?.values ?? { copy: current?.copy ?? "", title: current?.title ?? "", link: current?.link ?? "" };
  const req = page.requirements;
  const utm = req.requiredUtm.map((u) => ("value" in u && u.value ? `${u.name}=${u.value}` : u.name));
  const next = page.currentVersion + 1;
  return (
    <Card
      title={page.currentVersion === 0 ? "Submit the first draft" : `Submit version ${next}`}
      description="Checks run before it is sent: the brief's disclosure, the campaign's tracking parameters, the channel's limits and required files."
    >
      {/* Keyed by version: after a submission the form (and its uploads) starts fresh. */}
      <Form key={page.currentVersion} method="post" encType="multipart/form-data" className="space-y-5" noValidate>
        <LiveRegion>
          {result && !result.ok ? (
            <FormError errors={result.formError}>
              {result.failures.length > 0 ? (
                <ul className="list-disc space-y-1 pl-5">
                  {result.failures.map((f) => (
                    <li key={`${f.code}-${f.message}`}>{f.message}</li>
                  ))}
                </ul>
              ) : null}
            </FormError>
          ) : null}
        </LiveRegion>
        <ul className="flex flex-wrap gap-2 text-xs" aria-label="What this draft must carry">
          {req.disclosure ? (
            <li>
              <Badge tone="info">Disclosure: {req.disclosure}</Badge>
            </li>
          ) : null}
          {utm.map((u) => (
            <li key={u}>
              <Badge tone="info">{u}</Badge>
            </li>
          ))}
          {page.copyLimit ? (
            <li>
              <Badge>
                {page.channelLabel}: up to {formatCount(page.copyLimit)} characters
              </Badge>
            </li>
          ) : null}
        </ul>
        {page.titleRequired ? (
          <TextField label="Title" name="title" defaultValue={values.title} errors={result?.errors.title} required />
        ) : null}
        <TextAreaField
          label={`The ${page.copyName}`}
          name="copy"
          rows={6}
          defaultValue={values.copy}
          errors={result?.errors.copy}
          hint={req.disclosure ? `Include “${req.disclosure}”.` : undefined}
        />
        <TextField
          label="Link"
          name="link"
          type="url"
          inputMode="url"
          defaultValue={values.link}
          errors={result?.errors.link}
          hint={utm.length ? `With ${utm.join(", ")}.` : "Optional."}
        />
        <FileUpload
          action={`/w/${page.slug}/uploads`}
          purpose="draft_media"
          name="media"
          label="Media"
          multiple
          accept="image/png,image/jpeg,image/gif,image/webp,video/mp4,application/pdf"
          hint="Images, videos or PDFs. Images are previewed for reviewers."
          maxBytes={maxUploadBytes}
          errors={result?.errors.media}
          onBusyChange={setUploading}
        />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={busy || uploading}>
            {page.currentVersion === 0 ? "Submit for review" : `Submit version ${next}`}
          </Button>
          {uploading ? <span className="text-sm text-ink-muted">Waiting for uploads to finish…</span> : null}
        </div>
        <input type="hidden" name="intent" value="submit" />
        <input type="hidden" name="basedOnVersion" value={page.currentVersion} />
      </Form>
    </Card>
  );
}
