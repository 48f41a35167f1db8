import { getFormProps } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { CopyDiffView } from "~/components/approvals/copy-diff-view";
import { FileIcon, LockIcon } from "~/components/icons";
import { Alert, Badge, Button, Card, CheckboxField, SelectField, TextAreaField } from "~/components/ui";
import { commentSchema } from "~/modules/approvals/schemas";
import { IntentError, useDeliverableForm, useResult, type DeliverablePageData } from "./deliverable-result";

export function VersionsPanel({ page, base }: { page: DeliverablePageData; base: string }) {
  const viewed = page.viewed;
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
          <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3" aria-label="Media">
            {viewed.media.map((m) => (
              <li key={m.id} className="overflow-hidden rounded-lg ring-1 ring-slate-200">
                <a href={m.url} className="block hover:opacity-90">
                  {m.previewUrl ? (
                    <img src={m.previewUrl} alt={m.name} className="aspect-square w-full object-cover" loading="lazy" />
                  ) : (
                    <span className="flex aspect-square w-full items-center justify-center bg-slate-50 text-ink-muted">
                      <FileIcon size={28} />
                    </span>
                  )}
                  <span className="block truncate px-2 py-1.5 text-xs text-ink-soft">{m.name}</span>
                </a>
              </li>
            ))}
          </ul>
        ) : null}

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
                <li key={c.id} className="rounded-md border border-dashed border-amber-300 bg-amber-50 px-3 py-2 text-sm">
                  <p className="flex flex-wrap items-center gap-x-2">
                    <span className="inline-flex items-center gap-1 text-xs font-semibold uppercase tracking-wide text-amber-900">
                      <LockIcon className="h-3.5 w-3.5" aria-hidden="true" />
                      Internal · team only
                    </span>
                    <span className="font-medium text-ink">{c.author}</span> <span className="text-ink-muted">· {c.at}</span>
                  </p>
                  <p className="whitespace-pre-wrap text-ink-soft">{c.body}</p>
                </li>
              ) : (
                <li key={c.id} className="text-sm">
                  <p>
                    <span className="font-medium text-ink">{c.author}</span> <span className="text-ink-muted">· {c.at}</span>
                  </p>
                  <p className="whitespace-pre-wrap text-ink-soft">{c.body}</p>
                </li>
              ),
            )}
          </ul>
          {page.can.comment ? <CommentForm version={viewed.version} internalAllowed={page.can.commentInternal} /> : null}
        </section>
      </div>
    </Card>
  );
}

function CommentForm({ version, internalAllowed }: { version: number; internalAllowed: boolean }) {
  const commentResult = useResult("comment");
  const [form, fields] = useDeliverableForm("comment", commentSchema);
  return (
    <Form method="post" className="mt-3 space-y-3" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="comment" />
      <input type="hidden" name={fields.version.name} value={version} />
      <IntentError intent="comment" />
      <TextAreaField
        label={`Comment on v${version}`}
        name={fields.body.name}
        rows={2}
        errors={fields.body.errors}
        key={commentResult?.ok ? commentResult.at : "comment"}
      />
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
