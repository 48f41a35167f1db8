import { getFormProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { LiveRegion } from "~/components/approvals/live-region";
import { Badge, Button, Card, FormError, TextAreaField, TextField } from "~/components/ui";
import { FileUpload } from "~/components/upload/file-upload";
import { submitSchema } from "~/modules/approvals/schemas";
import { textFieldProps } from "~/utils/conform";
import { formatCount } from "~/utils/numbers";
import { useDeliverableForm, useResult, type DeliverablePageData } from "./deliverable-result";

/** The browser checks the typed fields; the media list is assembled by the action (uploaded ids, or the files themselves without JS). */
const typedFields = submitSchema.omit({ media: true });

type Props = { page: DeliverablePageData; maxUploadBytes: number };

/** Keyed by version: after a submission the form (and its uploads) starts fresh. */
export function SubmitPanel(props: Props) {
  return <SubmitForm key={props.page.currentVersion} {...props} />;
}

function SubmitForm({ page, maxUploadBytes }: Props) {
  const result = useResult("submit");
  const [uploading, setUploading] = useState(false);
  const busy = useNavigation().state === "submitting";
  const current = page.versions[0] ?? null;
  const [form, fields] = useDeliverableForm("submit", submitSchema, {
    validate: typedFields,
    defaultValue: { copy: current?.copy ?? "", title: current?.title ?? "", link: current?.link ?? "" },
  });
  const req = page.requirements;
  const utm = req.requiredUtm.map((u) => ("value" in u && u.value ? `${u.name}=${u.value}` : u.name));
  const next = page.currentVersion + 1;
  return (
    <Card
      title={page.currentVersion === 0 ? "Submit the first draft" : `Submit version ${next}`}
      description="Checks run before it is sent: the brief's disclosure, the campaign's tracking parameters, the channel's limits and required files."
    >
      <Form method="post" encType="multipart/form-data" className="space-y-5" {...getFormProps(form)}>
        <LiveRegion>
          {form.errors ? (
            <FormError errors={form.errors}>
              {result && !result.ok && result.failures.length > 0 ? (
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
        {page.titleRequired ? <TextField label="Title" {...textFieldProps(fields.title)} required /> : null}
        <TextAreaField
          label={`The ${page.copyName}`}
          rows={6}
          {...textFieldProps(fields.copy)}
          hint={req.disclosure ? `Include “${req.disclosure}”.` : undefined}
        />
        <TextField
          label="Link"
          type="url"
          inputMode="url"
          {...textFieldProps(fields.link)}
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
          errors={fields.media.errors}
          onBusyChange={setUploading}
        />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={busy || uploading}>
            {page.currentVersion === 0 ? "Submit for review" : `Submit version ${next}`}
          </Button>
          {uploading ? <span className="text-sm text-ink-muted">Waiting for uploads to finish…</span> : null}
        </div>
        <input type="hidden" name="intent" value="submit" />
        <input type="hidden" name={fields.basedOnVersion.name} value={page.currentVersion} />
      </Form>
    </Card>
  );
}
