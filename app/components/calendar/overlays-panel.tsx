import { getFormProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { CalendarIcon, LinkIcon, UploadIcon } from "~/components/icons";
import { Badge, Button, Card, EmptyState, FormError, TextField } from "~/components/ui";
import { overlayFileSchema, overlayUrlSchema } from "~/modules/calendar/context-schemas";
import type { ActionData } from "~/utils/action-data.server";
import { textFieldProps, useActionForm } from "~/utils/conform";

export type OverlaysAnswer = ActionData;

interface OverlaysData {
  overlays: {
    id: string;
    name: string;
    source: "file" | "url";
    url: string | null;
    host: string | null;
    eventCount: number;
    lastRead: string | null;
    lastError: string | null;
  }[];
  maxMb: number;
  timeZone: string;
}

function busyWith(nav: ReturnType<typeof useNavigation>, intent: string): string | null {
  if (nav.state === "idle" || nav.formData?.get("intent") !== intent) return null;
  return String(nav.formData.get("overlayId") ?? intent);
}

/** A new key after each success: the form is drawn again empty, ready for the next overlay. */
function freshAfter(answer: OverlaysAnswer | undefined): string {
  return answer?.ok ? `added-${answer.at}` : "form";
}

/** The notice or refusal of one form, read out when it changes. */
function Said({ answer }: { answer: OverlaysAnswer | undefined }) {
  return (
    <p aria-live="polite" className="mt-2 text-sm text-emerald-700">
      {answer?.ok ? answer.notice : ""}
    </p>
  );
}

function FileForm({ data, answer }: { data: OverlaysData; answer: OverlaysAnswer | undefined }) {
  const busy = busyWith(useNavigation(), "add-file") !== null;
  const mine = answer?.intent === "add-file" ? answer : undefined;
  const [form, fields] = useActionForm({ id: "add-overlay-file", intent: "add-file", schema: overlayFileSchema, answer: mine });
  return (
    <Card title="Upload a file" description={`An .ics file exported from a calendar app, at most ${data.maxMb} MB.`}>
      <Form key={freshAfter(mine)} method="post" encType="multipart/form-data" className="space-y-4" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add-file" />
        <TextField label="Name" required maxLength={80} placeholder="Public holidays" {...textFieldProps(fields.name)} />
        <TextField label="File" type="file" required accept=".ics,text/calendar" name={fields.file.name} errors={fields.file.errors} />
        <div>
          <FormError errors={form.errors} />
          <Button type="submit" disabled={busy}>
            <UploadIcon /> {busy ? "Reading the file…" : "Upload"}
          </Button>
        </div>
      </Form>
      {/* Outside the form, which is drawn again after a success: a live region must stay to be read out. */}
      <Said answer={mine} />
    </Card>
  );
}

function UrlForm({ answer }: { answer: OverlaysAnswer | undefined }) {
  const busy = busyWith(useNavigation(), "add-url") !== null;
  const mine = answer?.intent === "add-url" ? answer : undefined;
  const [form, fields] = useActionForm({ id: "add-overlay-url", intent: "add-url", schema: overlayUrlSchema, answer: mine });
  return (
    <Card title="Subscribe to an address" description="Read now and again every day. The server must answer within 10 seconds.">
      <Form key={freshAfter(mine)} method="post" className="space-y-4" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add-url" />
        <TextField label="Name" required maxLength={80} placeholder="Trade fairs" {...textFieldProps(fields.name)} />
        <TextField
          label="Calendar address"
          type="url"
          required
          maxLength={2000}
          placeholder="https://example.com/holidays.ics"
          hint="The iCal or webcal address the calendar gives you."
          {...textFieldProps(fields.url)}
        />
        <div>
          <FormError errors={form.errors} />
          <Button type="submit" disabled={busy}>
            <LinkIcon /> {busy ? "Reading the calendar…" : "Add"}
          </Button>
        </div>
      </Form>
      {/* Outside the form, which is drawn again after a success: a live region must stay to be read out. */}
      <Said answer={mine} />
    </Card>
  );
}

function OverlayRow({ overlay, answer }: { overlay: OverlaysData["overlays"][number]; answer: OverlaysAnswer | undefined }) {
  const nav = useNavigation();
  const refreshing = busyWith(nav, "refresh") === overlay.id;
  const removing = busyWith(nav, "remove") === overlay.id;
  const mine = answer?.intent === "refresh" && answer.target === overlay.id ? answer : undefined;
  return (
    <li className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start" data-overlay={overlay.id}>
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-2">
          <span className="font-medium text-ink">{overlay.name}</span>
          <Badge tone="neutral">{overlay.source === "url" ? "Address" : "File"}</Badge>
        </p>
        <p className="mt-0.5 break-words text-sm text-ink-muted">
          {overlay.host ? `${overlay.host} · ` : ""}
          {overlay.eventCount} event{overlay.eventCount === 1 ? "" : "s"} · {overlay.lastRead ? `read ${overlay.lastRead}` : "not read yet"}
          {overlay.source === "url" ? " · read again daily" : ""}
        </p>
        {overlay.lastError ? (
          <p className="mt-1 text-sm text-red-700">The last refresh failed: {overlay.lastError} The events of the last good read stay.</p>
        ) : null}
        <div aria-live="polite" className="text-sm">
          {mine?.ok ? <p className="mt-1 text-emerald-700">{mine.notice}</p> : null}
          {/* A failed read is already said by the last error above (the page reloads it). */}
          {mine && !mine.ok && !overlay.lastError ? <p className="mt-1 text-red-700">{mine.formError}</p> : null}
        </div>
      </div>
      <div className="flex flex-wrap gap-2">
        {overlay.source === "url" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="refresh" />
            <input type="hidden" name="overlayId" value={overlay.id} />
            <Button type="submit" variant="secondary" size="sm" disabled={refreshing}>
              {refreshing ? "Reading…" : "Refresh now"}
              <span className="sr-only"> “{overlay.name}”</span>
            </Button>
          </Form>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="remove" />
          <input type="hidden" name="overlayId" value={overlay.id} />
          <Button type="submit" variant="secondary" size="sm" disabled={removing}>
            Remove<span className="sr-only"> “{overlay.name}”</span>
          </Button>
        </Form>
      </div>
    </li>
  );
}

/** The overlays page: add one from a file or an address, and the list with refresh and remove. */
export function OverlaysPanel({ data, answer }: { data: OverlaysData; answer: OverlaysAnswer | undefined }) {
  const removed = answer?.intent === "remove" ? answer : undefined;
  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-2">
        <FileForm data={data} answer={answer} />
        <UrlForm answer={answer} />
      </div>
      <div aria-live="polite" className="text-sm">
        {removed?.ok ? <p className="text-emerald-700">{removed.notice}</p> : null}
        {removed && !removed.ok ? <p className="text-red-700">{removed.formError}</p> : null}
      </div>
      <Card title="Overlays" description={`Times in ${data.timeZone}.`}>
        {data.overlays.length === 0 ? (
          <EmptyState
            icon={<CalendarIcon />}
            title="No holidays or events yet"
            description="Overlays you add appear on the month and week views for everyone in the workspace."
          />
        ) : (
          <ul className="-my-2 divide-y divide-slate-200">
            {data.overlays.map((o) => (
              <OverlayRow key={o.id} overlay={o} answer={answer} />
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
