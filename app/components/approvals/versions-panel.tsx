import { getFormProps } from "@conform-to/react";
import { useEffect, useState } from "react";
import { Form, Link } from "@remix-run/react";
import { CopyDiffView } from "~/components/approvals/copy-diff-view";
import { LockIcon } from "~/components/icons";
import { IdempotencyKeyField } from "~/components/ui/idempotency-key-field";
import { useDeviceDraft } from "~/components/ui/use-device-draft";
import { Alert, Badge, Button, Card, CheckboxField, SelectField, TextAreaField } from "~/components/ui";
import type { Pin } from "~/modules/approvals/pins";
import { commentSchema } from "~/modules/approvals/schemas";
import { PinField, PinHistory } from "./comment-pins";
import { drawnPins, PinnedImage, PinTag } from "./pinned-image";
import { IntentError, useDeliverableForm, useResult, type DeliverablePageData } from "./deliverable-result";

export function VersionsPanel({ page, base, commentKey }: { page: DeliverablePageData; base: string; commentKey: string }) {
  const viewed = page.viewed;
  // The spot picked for the next comment, shared by the images (a click) and the form's "Pin to" list.
  const [pin, setPin] = useState<Pin | null>(null);
  const viewedId = viewed?.id;
  useEffect(() => setPin(null), [viewedId]);
  const pinnable = page.can.comment && viewed !== null && viewed.media.some((m) => m.previewUrl);
  const pickPin = (picked: Pin, byKeyboard: boolean) => {
    setPin(picked);
    // From the keyboard the centre is only a start: the list is where the region is chosen.
    if (byKeyboard) document.getElementById(PIN_SELECT_ID)?.focus();
  };
  if (!viewed) {
    return (
      <Card title="Versions">
        <p className="text-sm text-ink-muted">
          No version submitted yet. The creator submits the first draft here; reviewers are told at once.
        </p>
      </Card>
    );
  }
  const others = page.versions.filter((v) => v.version !== viewed.version);
  // Pins belong to their version (decision 058): the current one lists the one before's as history.
  const previous = viewed.version === page.currentVersion ? page.versions.find((v) => v.version === viewed.version - 1) : undefined;
  return (
    <Card
      title={`Version ${viewed.version}${viewed.version === page.currentVersion ? " (current)" : ""}`}
      description={`Submitted by ${viewed.submittedBy}, ${viewed.submittedAt}.`}
      actions={viewed.late ? <Badge tone="danger">Submitted late</Badge> : null}
    >
      <div className="space-y-6">
        {page.versions.length > 1 ? (
          <nav aria-label="Versions" className="flex flex-wrap gap-2">
            {page.versions.map((v) => (
              <Link
                key={v.id}
                to={`${base}?v=${v.version}`}
                aria-current={v.version === viewed.version ? "page" : undefined}
                className={
                  v.version === viewed.version
                    ? "rounded-md bg-accent px-2.5 py-1 text-sm font-medium text-[rgb(var(--accent-fg))]"
                    : "rounded-md bg-slate-100 px-2.5 py-1 text-sm text-ink hover:bg-slate-200"
                }
              >
                v{v.version}
              </Link>
            ))}
          </nav>
        ) : null}
        {viewed.version !== page.currentVersion ? (
          <Alert tone="warning">This is an older version. Decisions are only possible on v{page.currentVersion}.</Alert>
        ) : null}
        {viewed.title ? <p className="font-medium text-ink">{viewed.title}</p> : null}
        <div className="whitespace-pre-wrap break-words rounded-lg bg-slate-50 p-4 text-sm leading-6 text-ink ring-1 ring-inset ring-slate-200">
          {viewed.copy}
        </div>
        {viewed.link ? (
          <p className="break-all text-sm">
            <span className="font-medium text-ink">Link: </span>
            <a href={viewed.link} className="text-accent hover:underline" rel="noreferrer noopener" target="_blank">
              {viewed.link}
            </a>
          </p>
        ) : null}
        {viewed.media.length > 0 ? (
          <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2" aria-label="Media">
            {viewed.media.map((m) => (
              <PinnedImage key={m.id} media={m} pins={drawnPins(viewed.comments)} onPick={pinnable ? pickPin : undefined} picked={pin} />
            ))}
          </ul>
        ) : null}
        {previous ? <PinHistory previous={previous} /> : null}

        {others.length > 0 ? (
          <div className="space-y-3 border-t border-slate-200 pt-4">
            <Form method="get" action={base} className="flex flex-wrap items-end gap-3">
              <input type="hidden" name="v" value={viewed.version} />
              <SelectField
                label="Compare the copy with"
                name="compare"
                defaultValue={page.compare ? String(page.compare.from) : String(others[0].version)}
                options={others.map((v) => ({ value: String(v.version), label: `Version ${v.version}` }))}
              />
              <Button type="submit" variant="secondary">
                Show changes
              </Button>
            </Form>
            {page.compare ? <CopyDiffView segments={page.compare.segments} from={page.compare.from} to={page.compare.to} /> : null}
          </div>
        ) : null}

        {viewed.decisions.length > 0 ? (
          <section aria-labelledby="decisions-h" className="border-t border-slate-200 pt-4">
            <h3 id="decisions-h" className="text-sm font-semibold text-ink">
              Decisions on v{viewed.version}
            </h3>
            <ul className="mt-2 space-y-2">
              {viewed.decisions.map((d) => (
                <li key={d.id} className="text-sm">
                  <Badge tone={d.decision === "approve" ? "success" : "warning"}>
                    {d.decision === "approve" ? "Approved" : "Changes requested"}
                  </Badge>{" "}
                  <span className="font-medium text-ink">{d.who}</span>{" "}
                  <span className="text-ink-muted">
                    · {d.stage} · {d.at}
                  </span>
                  {d.comment ? <p className="mt-1 whitespace-pre-wrap text-ink-soft">{d.comment}</p> : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <section aria-labelledby="comments-h" className="border-t border-slate-200 pt-4">
          <h3 id="comments-h" className="text-sm font-semibold text-ink">
            Comments on v{viewed.version}
          </h3>
          {viewed.comments.length === 0 ? <p className="mt-2 text-sm text-ink-muted">No comments on this version yet.</p> : null}
          <ul className="mt-2 space-y-3">
            {viewed.comments.map((c) =>
              c.internal ? (
                // Internal (issue 18): another surface, a label and an icon, so it reads apart at a glance and to a screen reader.
                <li
                  key={c.id}
                  id={`comment-${c.id}`}
                  className="rounded-md border border-dashed border-amber-300 bg-amber-50 px-3 py-2 text-sm"
                >
                  <p className="flex flex-wrap items-center gap-x-2">
                    {c.pin ? <PinTag pin={c.pin} internal /> : null}
                    <span className="inline-flex items-center gap-1 text-xs font-semibold uppercase tracking-wide text-amber-900">
                      <LockIcon className="h-3.5 w-3.5" aria-hidden="true" />
                      Internal · team only
                    </span>
                    <span className="font-medium text-ink">{c.author}</span> <span className="text-ink-muted">· {c.at}</span>
                  </p>
                  <p className="whitespace-pre-wrap text-ink-soft">{c.body}</p>
                </li>
              ) : (
                <li key={c.id} id={`comment-${c.id}`} className="text-sm">
                  <p className="flex flex-wrap items-center gap-x-2">
                    {c.pin ? <PinTag pin={c.pin} /> : null}
                    <span>
                      <span className="font-medium text-ink">{c.author}</span> <span className="text-ink-muted">· {c.at}</span>
                    </span>
                  </p>
                  <p className="whitespace-pre-wrap text-ink-soft">{c.body}</p>
                </li>
              ),
            )}
          </ul>
          {page.can.comment ? (
            <CommentForm
              draftKey={`comment:${viewed.id}`}
              version={viewed.version}
              internalAllowed={page.can.commentInternal}
              media={viewed.media}
              pin={pinnable ? pin : null}
              onPin={setPin}
              commentKey={commentKey}
            />
          ) : null}
        </section>
      </div>
    </Card>
  );
}

const PIN_SELECT_ID = "comment-pin";
const COMMENT_BOX_ID = "comment-body";

function CommentForm({
  draftKey,
  version,
  internalAllowed,
  media,
  pin,
  onPin,
  commentKey,
}: {
  draftKey: string;
  commentKey: string;
  version: number;
  internalAllowed: boolean;
  media: NonNullable<DeliverablePageData["viewed"]>["media"];
  pin: Pin | null;
  onPin: (pin: Pin | null) => void;
}) {
  const commentResult = useResult("comment");
  const [form, fields] = useDeliverableForm("comment", commentSchema);
  // A posted comment takes its pin with it: the next one starts unpinned.
  const postedAt = commentResult?.ok ? commentResult.at : null;
  // What is typed is kept on this device until it is posted: a closed tab loses no review notes.
  const draft = useDeviceDraft(draftKey, COMMENT_BOX_ID);
  const clearDraft = draft.clear;
  useEffect(() => {
    if (!postedAt) return;
    onPin(null);
    clearDraft();
  }, [postedAt, onPin, clearDraft]);
  return (
    <Form method="post" className="mt-3 space-y-3" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="comment" />
      <IdempotencyKeyField value={commentKey} />
      <input type="hidden" name={fields.version.name} value={version} />
      <IntentError intent="comment" />
      <TextAreaField
        label={`Comment on v${version}`}
        name={fields.body.name}
        id={COMMENT_BOX_ID}
        onInput={draft.onInput}
        hint={draft.state === "restored" ? "Restored what you had typed here before; it is not posted yet." : undefined}
        rows={2}
        errors={fields.body.errors}
        // A refused comment comes back with what was typed (a page without JavaScript would lose it).
        defaultValue={
          commentResult && !commentResult.ok ? ((commentResult.values as { body?: string } | undefined)?.body ?? "") : undefined
        }
        key={commentResult?.ok ? commentResult.at : "comment"}
      />
      <PinField media={media} pin={pin} onPin={onPin} errors={fields.pin.errors} name={fields.pin.name} id={PIN_SELECT_ID} />
      {internalAllowed ? (
        <CheckboxField
          label="Internal: only the agency team sees it"
          hint="Not the creator, the brand or anyone with a link."
          name={fields.internal.name}
          errors={fields.internal.errors}
          key={commentResult?.ok ? `internal-${commentResult.at}` : "internal"}
        />
      ) : null}
      <Button type="submit" variant="secondary" size="sm">
        Add comment
      </Button>
    </Form>
  );
}
