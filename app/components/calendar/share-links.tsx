import { getFormProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { LinkIcon } from "~/components/icons";
import { Alert, Badge, Button, Card, CopyButton, EmptyState, FormError, SelectField, TextField, type Tone } from "~/components/ui";
import { createShareSchema } from "~/modules/calendar/context-schemas";
import type { ActionData } from "~/utils/action-data.server";
import { textFieldProps, useActionForm } from "~/utils/conform";

/** The share page's action answer: the one shape, plus the new link's address right after making it. */
export type ShareAnswer = ActionData & { shareUrl?: string };

interface ShareData {
  links: {
    id: string;
    brandName: string;
    label: string;
    state: "live" | "expired" | "revoked";
    createdBy: string | null;
    createdOn: string;
    expiresOn: string;
    lastOpened: string | null;
  }[];
  brands: { value: string; label: string }[];
  defaultDays: number;
  maxDays: number;
}

const STATE: Record<ShareData["links"][number]["state"], { label: string; tone: Tone }> = {
  live: { label: "Active", tone: "success" },
  expired: { label: "Expired", tone: "neutral" },
  revoked: { label: "Revoked", tone: "neutral" },
};

function CreateShareForm({ data, answer }: { data: ShareData; answer: ShareAnswer | undefined }) {
  const nav = useNavigation();
  const busy = nav.state !== "idle" && nav.formData?.get("intent") === "create";
  const mine = answer?.intent === "create" ? answer : undefined;
  const [form, fields] = useActionForm({ id: "create-share", intent: "create", schema: createShareSchema, answer: mine });
  return (
    <Card title="New share link" description={`Works for ${data.defaultDays} days unless you choose otherwise (at most ${data.maxDays}).`}>
      {mine?.ok && mine.shareUrl ? (
        <div className="mb-4 space-y-2">
          <Alert tone="success" title="Your share link">
            Copy it now and send it to your client: for their safety it is not shown again. Make a new one if you lose it.
          </Alert>
          <CopyButton value={mine.shareUrl} label="Share link" showLabel />
        </div>
      ) : null}
      <Form method="post" className="grid gap-4 sm:grid-cols-3 sm:items-start" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="create" />
        <SelectField
          label="Brand"
          name={fields.brandId.name}
          options={data.brands}
          defaultValue={typeof fields.brandId.initialValue === "string" ? fields.brandId.initialValue : data.brands[0]?.value}
          errors={fields.brandId.errors}
          required
        />
        <TextField label="Who it is for" required placeholder="Lumen marketing team" maxLength={120} {...textFieldProps(fields.label)} />
        <TextField
          label="Days it works"
          inputMode="numeric"
          placeholder={String(data.defaultDays)}
          hint={`1 to ${data.maxDays}`}
          {...textFieldProps(fields.days)}
        />
        <div className="sm:col-span-3">
          <FormError errors={form.errors} />
          <Button type="submit" disabled={busy}>
            <LinkIcon /> {busy ? "Making the link…" : "Make share link"}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

export function ShareLinksPanel({ data, answer }: { data: ShareData; answer: ShareAnswer | undefined }) {
  const nav = useNavigation();
  const revoking = nav.state !== "idle" && nav.formData?.get("intent") === "revoke" ? String(nav.formData.get("linkId")) : null;
  const revokeAnswer = answer?.intent === "revoke" ? answer : undefined;
  return (
    <div className="space-y-6">
      <CreateShareForm data={data} answer={answer} />
      <div aria-live="polite" className="text-sm">
        {revokeAnswer?.ok ? <p className="text-emerald-700">{revokeAnswer.notice}</p> : null}
        {revokeAnswer && !revokeAnswer.ok ? <p className="text-red-700">{revokeAnswer.formError}</p> : null}
      </div>
      <Card title="Share links">
        {data.links.length === 0 ? (
          <EmptyState
            icon={<LinkIcon />}
            title="No share links yet"
            description="Links you make appear here, with when they were last opened."
          />
        ) : (
          <ul className="-my-2 divide-y divide-slate-200">
            {data.links.map((link) => (
              <li key={link.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center" data-share-link={link.id}>
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-2">
                    <span className="font-medium text-ink">{link.label}</span>
                    <Badge tone={STATE[link.state].tone}>{STATE[link.state].label}</Badge>
                  </p>
                  <p className="mt-0.5 text-sm text-ink-muted">
                    {link.brandName} · made {link.createdOn}
                    {link.createdBy ? ` by ${link.createdBy}` : ""} · {link.state === "expired" ? "expired" : "expires"} {link.expiresOn} ·{" "}
                    {link.lastOpened ? `last opened ${link.lastOpened}` : "not opened yet"}
                  </p>
                </div>
                {link.state === "live" ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="linkId" value={link.id} />
                    <Button type="submit" variant="secondary" size="sm" disabled={revoking === link.id}>
                      Revoke<span className="sr-only"> the link for {link.label}</span>
                    </Button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
