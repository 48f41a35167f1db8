import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { Alert, Button, Card, FormError, PageHeader, SelectField, TextAreaField, TextField } from "~/components/ui";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { MAX_DISCLOSURE_WORDS, MAX_DISCLOSURE_WORD_LENGTH, brandingSchema } from "~/modules/workspaces/schemas";
import { updateBranding } from "~/modules/workspaces/workspaces.server";
import { accentAdjustments, accentVars } from "~/modules/workspaces/branding";
import { answer } from "~/utils/action-data.server";
import { useActionForm } from "~/utils/conform";
import { parseWith, readForm } from "~/utils/http.server";
import { CORRECT_FIELDS, invalid, ok } from "~/utils/outcome";
import { timeZoneChoices, zoneOffset } from "~/utils/time";
import { useHydrated } from "~/utils/use-hydrated";

export const meta: MetaFunction = () => [{ title: "Settings · Baton" }];

const FIELDS = ["name", "accentColor", "logoUrl", "welcomeText", "signoffWindowHours", "disclosureWords", "timeZone"] as const;
const WELCOME_MAX = 600;
const HEX = /^#[0-9a-fA-F]{6}$/;
const FALLBACK_ACCENT = "#4f46e5";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "workspace.settings");
  const w = ctx.workspace;
  const now = new Date();
  return json({
    slug: w.slug,
    values: {
      name: w.name,
      accentColor: w.accentColor,
      logoUrl: w.logoUrl ?? "",
      welcomeText: w.welcomeText,
      signoffWindowHours: String(w.signoffWindowHours),
      disclosureWords: w.disclosureWords.join("\n"),
      timeZone: w.timeZone,
    },
    // Every zone the runtime knows, with its offset today: the setting insights count days in.
    zones: timeZoneChoices().map((zone) => ({ value: zone, label: `${zone.replace(/_/g, " ")} (${zoneOffset(now, zone)})` })),
  });
}

/** The page's one form; the answer names it so the form knows the answer is its own. */
const SAVE = "save-settings";

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "workspace.settings");
  const form = await readForm(request);
  // What was typed comes back with the errors, so the form keeps it even without JavaScript.
  const values = Object.fromEntries(FIELDS.flatMap((key) => (typeof form.get(key) === "string" ? [[key, String(form.get(key))]] : [])));
  const parsed = parseWith(brandingSchema, form);
  if (!parsed.success) return answer(invalid(CORRECT_FIELDS, parsed.errors), { intent: SAVE, values });
  await updateBranding(ctx, parsed.data);
  return answer(ok(), { intent: SAVE, notice: "Settings saved. Clients see the new branding on their next visit." });
}

/** Readable text on the accent colour: the shell's rule, as a CSS colour. */
function textOn(hex: string): string {
  return `rgb(${accentVars(hex).accentFg})`;
}

function hoursInWords(raw: string): string | null {
  const h = Number(raw);
  if (!Number.isInteger(h) || h < 1 || h > 336) return null;
  if (h % 24 === 0) return `${h / 24} ${h === 24 ? "day" : "days"}`;
  if (h > 24) return `${Math.floor(h / 24)} ${h < 48 ? "day" : "days"} and ${h % 24} ${h % 24 === 1 ? "hour" : "hours"}`;
  return null;
}

export default function SettingsPage() {
  const { slug, values: saved, zones } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const hydrated = useHydrated();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useActionForm({ id: SAVE, intent: SAVE, schema: brandingSchema, answer: result, defaultValue: saved });
  // A field the post did not carry keeps what is saved.
  const initial = (key: (typeof FIELDS)[number]) => {
    const typed = fields[key].initialValue;
    return typeof typed === "string" ? typed : saved[key];
  };

  // The fields are controlled for the live preview; conform reads them from the form when it is sent.
  const [name, setName] = useState(() => initial("name"));
  const [accent, setAccent] = useState(() => initial("accentColor"));
  const [logoUrl, setLogoUrl] = useState(() => initial("logoUrl"));
  const [welcome, setWelcome] = useState(() => initial("welcomeText"));
  const [hours, setHours] = useState(() => initial("signoffWindowHours"));
  const [disclosureWords, setDisclosureWords] = useState(() => initial("disclosureWords"));

  const accentOk = HEX.test(accent.trim());
  const swatch = accentOk ? accent.trim().toLowerCase() : FALLBACK_ACCENT;
  const adjusted = accentOk ? accentAdjustments(swatch) : [];
  const hoursWords = hoursInWords(hours.trim());

  return (
    <div className="space-y-8">
      <PageHeader title="Settings" description="How your workspace looks to clients, and the rules every approval follows." />

      {result?.ok ? (
        <Alert tone="success" role="status">
          {result.notice}
        </Alert>
      ) : null}

      <Form method="post" className="space-y-8" {...getFormProps(form)}>
        {form.errors ? <FormError errors={form.errors} /> : null}

        <div className="grid gap-6 lg:grid-cols-5 lg:items-start">
          <Card
            className="lg:col-span-3"
            title="Branding"
            description="Shown on every client onboarding link and in every email Baton sends for you."
          >
            <div className="space-y-5">
              <TextField
                label="Workspace name"
                id={fields.name.id}
                name={fields.name.name}
                required
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                errors={fields.name.errors}
                autoComplete="organization"
                hint={
                  <>
                    Your web address stays <span className="font-mono text-ink-soft">/w/{slug}</span>.
                  </>
                }
              />
              <div className="grid grid-cols-[1fr_auto] items-start gap-2">
                <TextField
                  label="Accent colour"
                  id={fields.accentColor.id}
                  name={fields.accentColor.name}
                  required
                  value={accent}
                  onChange={(e) => setAccent(e.currentTarget.value)}
                  errors={fields.accentColor.errors}
                  spellCheck={false}
                  autoComplete="off"
                  hint="A hex colour like #4f46e5, used on buttons and links. Text on it turns dark or white to stay readable."
                />
                <div className="mt-7">
                  {hydrated ? (
                    <input
                      type="color"
                      aria-label="Pick accent colour"
                      value={swatch}
                      onChange={(e) => setAccent(e.currentTarget.value)}
                      className="h-10 w-12 cursor-pointer rounded-lg border-0 bg-white p-1 ring-1 ring-inset ring-slate-300"
                    />
                  ) : (
                    <span
                      aria-hidden="true"
                      className="block h-10 w-12 rounded-lg ring-1 ring-inset ring-slate-300"
                      style={{ backgroundColor: swatch }}
                    />
                  )}
                </div>
              </div>
              {/* Shown on load and as the colour is typed (read out politely): the person chose this colour and sees it altered. */}
              <div aria-live="polite">
                {adjusted.length > 0 ? (
                  <Alert tone="warning" title="Baton adjusts this colour to keep text readable">
                    <ul className="list-disc space-y-1 pl-4">
                      {adjusted.map((note) => (
                        <li key={note}>{note}</li>
                      ))}
                    </ul>
                  </Alert>
                ) : null}
              </div>
              <TextField
                label="Logo URL (optional)"
                id={fields.logoUrl.id}
                name={fields.logoUrl.name}
                type="url"
                inputMode="url"
                value={logoUrl}
                onChange={(e) => setLogoUrl(e.currentTarget.value)}
                errors={fields.logoUrl.errors}
                placeholder="https://…/logo.png"
                hint="An https:// address of a square PNG or SVG. Without a logo, clients see your initial."
              />
              <TextAreaField
                label="Welcome text for clients"
                id={fields.welcomeText.id}
                name={fields.welcomeText.name}
                rows={4}
                value={welcome}
                onChange={(e) => setWelcome(e.currentTarget.value)}
                errors={fields.welcomeText.errors}
                hint={`Shown at the top of every onboarding link. ${welcome.length} of ${WELCOME_MAX} characters.`}
              />
            </div>
          </Card>

          <div className="lg:sticky lg:top-6 lg:col-span-2">
            <OnboardingPreview name={name} accent={swatch} logoUrl={logoUrl.trim()} welcome={welcome} live={hydrated} />
          </div>
        </div>

        <Card title="Sign-off window" description="How long before a deliverable publishes the brand lead's final sign-off is due.">
          <div className="max-w-sm">
            <TextField
              label="Hours before publishing"
              id={fields.signoffWindowHours.id}
              name={fields.signoffWindowHours.name}
              type="number"
              inputMode="numeric"
              min={1}
              max={336}
              step={1}
              required
              value={hours}
              onChange={(e) => setHours(e.currentTarget.value)}
              errors={fields.signoffWindowHours.errors}
              hint={`${hoursWords ? `That is ${hoursWords}. ` : ""}48 by default; between 1 and 336.`}
            />
          </div>
          <p className="mt-4 max-w-2xl text-sm text-ink-muted">
            Sign-off is due at the publish time minus this window. Without it by then, the deliverable is blocked until it is rescheduled or
            an admin overrides it. A brand can set its own window, which wins over this one.
          </p>
        </Card>

        <Card title="Disclosure words" description="What a brief's disclosure must include before the brief can be published.">
          <div className="max-w-sm">
            <TextAreaField
              label="Accepted disclosures"
              id={fields.disclosureWords.id}
              name={fields.disclosureWords.name}
              rows={4}
              required
              value={disclosureWords}
              onChange={(e) => setDisclosureWords(e.currentTarget.value)}
              errors={fields.disclosureWords.errors}
              hint={`One word or phrase per line, like #ad or Paid partnership; at most ${MAX_DISCLOSURE_WORDS}, each under ${MAX_DISCLOSURE_WORD_LENGTH} characters.`}
            />
          </div>
          <p className="mt-4 max-w-2xl text-sm text-ink-muted">
            Matched without case and as whole words: &quot;#Ad&quot; counts for #ad, &quot;#adventure&quot; does not. Briefs already
            published keep the disclosure they went out with.
          </p>
        </Card>

        <Card title="Time zone" description="The days and ISO weeks insights count in, and the month of the monthly report.">
          <div className="max-w-sm">
            <SelectField
              label="Workspace time zone"
              id={fields.timeZone.id}
              name={fields.timeZone.name}
              defaultValue={initial("timeZone")}
              options={zones}
              errors={fields.timeZone.errors}
              hint="UTC unless you choose another."
            />
          </div>
          <p className="mt-4 max-w-2xl text-sm text-ink-muted">
            A handoff counts on the day it finished in this zone. Figures already recorded keep the day they were counted on; each person
            still sees times in their own zone.
          </p>
        </Card>

        <div className="flex flex-col-reverse gap-3 sm:flex-row sm:items-center sm:justify-end">
          <p className="text-sm text-ink-muted sm:mr-auto">Every change is recorded in the audit trail.</p>
          <Button type="submit" disabled={busy} className="w-full sm:w-auto">
            {busy ? "Saving…" : "Save settings"}
          </Button>
        </div>
      </Form>
    </div>
  );
}

function OnboardingPreview({
  name,
  accent,
  logoUrl,
  welcome,
  live,
}: {
  name: string;
  accent: string;
  logoUrl: string;
  welcome: string;
  live: boolean;
}) {
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  const showLogo = logoUrl.startsWith("https://") && failedUrl !== logoUrl;
  const displayName = name.trim() || "Your workspace";
  const fg = textOn(accent);

  return (
    <Card
      title="Preview"
      description={
        live
          ? "How the top of a client's onboarding link looks. Updates as you type."
          : "How the top of a client's onboarding link looks. Save to update it."
      }
    >
      <div className="overflow-hidden rounded-lg ring-1 ring-slate-200">
        <div className="h-1.5" style={{ backgroundColor: accent }} />
        <div className="bg-white px-5 pb-6 pt-5">
          <div className="flex items-center gap-3">
            {showLogo ? (
              <img
                src={logoUrl}
                alt=""
                className="h-10 w-10 shrink-0 rounded-lg object-contain ring-1 ring-slate-200"
                onError={() => setFailedUrl(logoUrl)}
              />
            ) : (
              <span
                className="flex h-10 w-10 shrink-0 items-center justify-center rounded-lg text-lg font-semibold"
                style={{ backgroundColor: accent, color: fg }}
              >
                {displayName.charAt(0).toUpperCase()}
              </span>
            )}
            <span className="min-w-0 truncate text-base font-semibold text-ink">{displayName}</span>
          </div>
          <p className="mt-5 text-lg font-semibold tracking-tight text-ink">Set up access for your campaign</p>
          <p className="mt-1.5 whitespace-pre-line break-words text-sm text-ink-soft">
            {welcome.trim() || <span className="text-ink-muted">Your welcome text appears here.</span>}
          </p>
          <div className="mt-5">
            <div className="flex justify-between text-xs text-ink-muted">
              <span>Progress</span>
              <span>1 of 4 steps</span>
            </div>
            <div className="mt-1 h-1.5 overflow-hidden rounded-full bg-slate-200">
              <div className="h-full w-1/4 rounded-full" style={{ backgroundColor: accent }} />
            </div>
          </div>
          <span
            className="mt-5 inline-flex h-10 items-center rounded-lg px-4 text-sm font-medium shadow-sm"
            style={{ backgroundColor: accent, color: fg }}
          >
            Get started
          </span>
        </div>
      </div>
      {logoUrl && !logoUrl.startsWith("https://") ? (
        <p className="mt-3 text-sm text-ink-muted">The logo shows once the address starts with https://.</p>
      ) : null}
      {failedUrl && failedUrl === logoUrl ? (
        <p className="mt-3 text-sm text-amber-700">That logo address did not load an image. Clients would see your initial instead.</p>
      ) : null}
    </Card>
  );
}
