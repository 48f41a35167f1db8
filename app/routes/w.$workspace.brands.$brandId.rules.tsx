import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { CSSProperties } from "react";
import { z } from "zod";
import { SavedNotice } from "~/components/calendar/saved-notice";
import { DecisionCodeCard } from "~/components/decision-links/decision-code-setting";
import { Button, Card, CardSection, EmptyState, FormError, PageHeader, TBody, TD, TH, THead, TR, Table, TextField } from "~/components/ui";
import { addBlackout, findBrand, listBlackouts, removeBlackout, updateBrandRules } from "~/modules/calendar/brand-rules.server";
import { setDecisionCodeRequirement } from "~/modules/approvals/decision-links/brand-setting.server";
import { decisionCodeSettingSchema } from "~/modules/approvals/decision-links/schemas";
import { CHANNELS, channelLabel, type Channel } from "~/modules/channels/channels";
import { DEFAULT_MIN_SPACING_MINUTES } from "~/modules/calendar/conflicts/types";
import { dayAndTime } from "~/modules/calendar/format";
import { DAY_MS, toLocalInput, zoneOffset, zonePlace } from "~/utils/time";
import { calendarPath, conflictsPath } from "~/modules/calendar/links";
import { blackoutSchema, brandRulesSchema, removeBlackoutSchema } from "~/modules/calendar/schemas";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { answer } from "~/utils/action-data.server";
import { textFieldProps, useActionForm } from "~/utils/conform";
import { notFound, parseWith, readForm } from "~/utils/http.server";
import { invalid, type Outcome } from "~/utils/outcome";

export const meta: MetaFunction = ({ data }) => [
  { title: `${(data as { brand?: { name: string } } | undefined)?.brand?.name ?? "Brand"} calendar rules · Baton` },
];

async function brandOr404(request: Request, params: { workspace?: string; brandId?: string }) {
  const ctx = await requirePermission(request, params.workspace, "conflicts.manage");
  const brand = await findBrand(ctx, params.brandId ?? "");
  if (!brand) notFound("This brand does not exist.");
  return { ctx, brand };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, brand } = await brandOr404(request, params);
  const blackouts = await listBlackouts(ctx, brand.id);
  const tz = brand.timeZone;
  const now = new Date();
  return json({
    slug: ctx.workspace.slug,
    brand: {
      id: brand.id,
      name: brand.name,
      color: brand.color,
      category: brand.category ?? "",
      exclusivityDays: brand.exclusivityDays,
      spacing: Object.fromEntries(
        CHANNELS.map((c) => [c, brand.minSpacingMinutes?.[c] === undefined ? "" : String(brand.minSpacingMinutes[c])]),
      ),
      zone: `${zonePlace(tz)} (${zoneOffset(now, tz)})`,
      requireDecisionCode: brand.requireDecisionCode,
    },
    blackouts: blackouts.map((b) => ({
      id: b.id,
      reason: b.reason,
      starts: dayAndTime(b.startsAt, tz),
      ends: dayAndTime(b.endsAt, tz),
      past: b.endsAt.getTime() <= now.getTime(),
    })),
    suggestion: {
      startsAt: toLocalInput(new Date(now.getTime() + DAY_MS), tz).slice(0, 11) + "00:00",
      endsAt: toLocalInput(new Date(now.getTime() + 2 * DAY_MS), tz).slice(0, 11) + "00:00",
    },
  });
}

const INTENTS = ["rules", "add-blackout", "remove-blackout", "decision-code"] as const;
type Intent = (typeof INTENTS)[number];
const intentSchema = z.object({ intent: z.enum(INTENTS, { errorMap: () => ({ message: "Unknown action." }) }) });

function formValues(form: FormData, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, typeof form.get(k) === "string" ? String(form.get(k)).slice(0, 200) : ""]));
}

const RULE_KEYS = ["category", "exclusivityDays", ...CHANNELS.map((c) => `spacing_${c}`)];
const BLACKOUT_KEYS = ["startsAt", "endsAt", "reason"];

/** What each form says when it worked; the audit table's guard reads INTENTS above. */
const NOTICES: Record<Intent, string> = {
  rules: "Rules saved. The calendar and the conflicts page use them right away.",
  "add-blackout": "Blackout added. Anything planned inside it is now flagged.",
  "remove-blackout": "Blackout removed.",
  "decision-code": "Saved. Decisions through links follow the new setting from now on.",
};
/** The fields put back into a form that comes back with errors (remove has none to put back). */
const TYPED: Partial<Record<Intent, string[]>> = { rules: RULE_KEYS, "add-blackout": BLACKOUT_KEYS };

/** Parses `form` with `schema`, then saves; a refusal keeps zod's messages per field. */
async function parsedThen<S extends z.ZodTypeAny>(
  form: FormData,
  schema: S,
  save: (input: z.infer<S>) => Promise<Outcome<unknown>>,
  message?: string,
): Promise<Outcome<unknown>> {
  const parsed = parseWith(schema, form);
  return parsed.success ? save(parsed.data) : invalid(message, parsed.errors);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, brand } = await brandOr404(request, params);
  const form = await readForm(request);
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return answer(invalid("Unknown action.", which.errors));
  const intent: Intent = which.data.intent;
  const brandId = brand.id;
  const outcome =
    intent === "decision-code"
      ? await parsedThen(form, decisionCodeSettingSchema, (input) =>
          setDecisionCodeRequirement(ctx, { brandId, required: input.requireDecisionCode === "on" }),
        )
      : intent === "rules"
        ? await parsedThen(form, brandRulesSchema, (input) => updateBrandRules(ctx, { brandId, ...input }))
        : intent === "add-blackout"
          ? await parsedThen(form, blackoutSchema, (input) => addBlackout(ctx, { brandId, ...input }))
          : await parsedThen(
              form,
              removeBlackoutSchema,
              (input) => removeBlackout(ctx, { brandId, ...input }),
              "Choose a blackout from the list.",
            );
  const typed = TYPED[intent];
  return answer(outcome, { intent, values: typed ? formValues(form, typed) : undefined, notice: NOTICES[intent] });
}

/** The spacing inputs' defaults, one per channel, as the rules form names them. */
const spacingDefaults = (spacing: Record<string, string>) =>
  Object.fromEntries(Object.entries(spacing).map(([c, v]) => [`spacing_${c}`, v]));

type Answer = {
  ok: boolean;
  intent: string | null;
  errors: Record<string, string[]>;
  formError: string | null;
  notice: string | null;
  values: Record<string, string>;
};

export default function BrandRulesPage() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as Answer | undefined;
  const nav = useNavigation();
  const busy = (intent: string) => nav.state !== "idle" && nav.formData?.get("intent") === intent;
  const removeError = answer?.intent === "remove-blackout" && !answer.ok ? answer : undefined;
  // conform with the action's zod schemas: checked in the browser first, the server's answer shown the same way.
  const [rulesForm, rules] = useActionForm({
    id: "rules",
    intent: "rules",
    schema: brandRulesSchema,
    answer,
    defaultValue: {
      category: data.brand.category,
      exclusivityDays: String(data.brand.exclusivityDays),
      ...spacingDefaults(data.brand.spacing),
    },
  });
  const [blackoutForm, blackout] = useActionForm({
    id: "add-blackout",
    intent: "add-blackout",
    schema: blackoutSchema,
    answer,
    defaultValue: data.suggestion,
  });
  const defaultHours = DEFAULT_MIN_SPACING_MINUTES / 60;

  return (
    <div className="space-y-6">
      <PageHeader
        title={
          <span className="flex items-center gap-2">
            <span className="h-4 w-4 rounded" style={{ backgroundColor: data.brand.color } as CSSProperties} aria-hidden="true" />
            {data.brand.name}: calendar rules
          </span>
        }
        description="What counts as a clash for this brand. Conflicts are recomputed on every read, so a change here shows on the calendar and the conflicts page right away."
        breadcrumbs={[
          { label: "Conflicts", to: `${conflictsPath(data.slug)}?brand=${data.brand.id}` },
          { label: "Calendar", to: `${calendarPath(data.slug)}?brand=${data.brand.id}` },
        ]}
      />

      <div aria-live="polite">{answer?.ok ? <SavedNotice notice={answer.notice} /> : null}</div>

      <Card
        title="Spacing and exclusivity"
        description="The category decides which brands compete for a creator: two brands with the same category may not share a creator within the exclusivity window."
      >
        <Form method="post" preventScrollReset className="space-y-6" {...getFormProps(rulesForm)}>
          <input type="hidden" name="intent" value="rules" />
          <FormError errors={rulesForm.errors} />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label="Category"
              {...textFieldProps(rules.category)}
              hint="For example skincare or coffee. Leave empty to opt out of creator exclusivity."
              maxLength={60}
            />
            <TextField
              label="Exclusivity window (days)"
              type="number"
              inputMode="numeric"
              min={0}
              max={90}
              required
              {...textFieldProps(rules.exclusivityDays)}
              hint="How long a creator posting for this brand stays off its competitors, before and after."
            />
          </div>
          <fieldset>
            <legend className="text-sm font-semibold text-ink">
              Minimum spacing between this brand&rsquo;s posts, per channel (minutes)
            </legend>
            <p className="mt-1 text-sm text-ink-muted">
              Two posts on one channel closer than this are a post collision. Empty means the default of {defaultHours} hours.
            </p>
            <div className="mt-3 grid gap-4 sm:grid-cols-3 lg:grid-cols-6">
              {Object.keys(data.brand.spacing).map((channel) => (
                <TextField
                  key={channel}
                  label={channelLabel(channel)}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  placeholder={String(DEFAULT_MIN_SPACING_MINUTES)}
                  {...textFieldProps(rules[`spacing_${channel as Channel}`])}
                />
              ))}
            </div>
          </fieldset>
          <Button type="submit" disabled={busy("rules")}>
            {busy("rules") ? "Saving…" : "Save rules"}
          </Button>
        </Form>
      </Card>

      <Card
        title="Blackout periods"
        description={`Times when nothing of this brand may go out (a product recall, a press embargo, a day of mourning). Times are in the brand's zone, ${data.brand.zone}.`}
        flush
      >
        {removeError ? (
          <div className="px-4 pt-4 sm:px-6">
            <FormError errors={removeError.formError} />
          </div>
        ) : null}
        {data.blackouts.length === 0 ? (
          <div className="p-6">
            <EmptyState title="No blackouts" description="Add one below; anything planned inside it is flagged as a conflict." />
          </div>
        ) : (
          <Table caption="Blackout periods">
            <THead>
              <TR>
                <TH>Reason</TH>
                <TH>From</TH>
                <TH>Until</TH>
                <TH>
                  <span className="sr-only">Actions</span>
                </TH>
              </TR>
            </THead>
            <TBody>
              {data.blackouts.map((b) => (
                <TR key={b.id}>
                  <TD className="min-w-[12rem]">
                    {b.reason}
                    {b.past ? <span className="ml-2 text-xs text-ink-muted">(past)</span> : null}
                  </TD>
                  <TD className="whitespace-nowrap">{b.starts}</TD>
                  <TD className="whitespace-nowrap">{b.ends}</TD>
                  <TD className="text-right">
                    <Form method="post" preventScrollReset>
                      <input type="hidden" name="intent" value="remove-blackout" />
                      <input type="hidden" name="blackoutId" value={b.id} />
                      <Button type="submit" variant="ghost" size="sm" aria-label={`Remove blackout: ${b.reason}`}>
                        Remove
                      </Button>
                    </Form>
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
        <CardSection title="Add a blackout">
          <Form method="post" preventScrollReset className="space-y-4" {...getFormProps(blackoutForm)}>
            <input type="hidden" name="intent" value="add-blackout" />
            <FormError errors={blackoutForm.errors} />
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField label="From" type="datetime-local" required {...textFieldProps(blackout.startsAt)} />
              <TextField
                label="Until"
                type="datetime-local"
                required
                {...textFieldProps(blackout.endsAt)}
                hint="A post at exactly this minute is fine."
              />
            </div>
            <TextField
              label="Reason"
              required
              maxLength={200}
              {...textFieldProps(blackout.reason)}
              hint="Shown in the conflict message, so say it plainly."
            />
            <Button type="submit" disabled={busy("add-blackout")}>
              {busy("add-blackout") ? "Adding…" : "Add blackout"}
            </Button>
          </Form>
        </CardSection>
      </Card>

      <DecisionCodeCard required={data.brand.requireDecisionCode} answer={answer} busy={busy("decision-code")} />
    </div>
  );
}
