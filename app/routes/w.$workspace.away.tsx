import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { LiveRegion } from "~/components/approvals/live-region";
import { Alert, Button, Card, FormError, PageHeader, SelectField, TextField } from "~/components/ui";
import { requireMember } from "~/modules/workspaces/authz.server";
import { awayFormSchema, delegates } from "~/modules/workspaces/away";
import { awayPage, clearAway, setAway } from "~/modules/workspaces/away.server";
import { answer } from "~/utils/action-data.server";
import { textFieldProps, useActionForm } from "~/utils/conform";
import { notFound, parseWith, readForm } from "~/utils/http.server";
import { invalid } from "~/utils/outcome";
import { formatIn } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Away and delegate · Baton" }];

/** Only people who review or sign off drafts have requests to hand over; for anyone else the page does not exist. */
async function context(request: Request, params: LoaderFunctionArgs["params"]) {
  const ctx = await requireMember(request, params.workspace);
  if (!delegates(ctx.role)) notFound();
  return ctx;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await context(request, params);
  const now = new Date();
  const page = await awayPage(ctx, now);
  return json({ ...page, today: formatIn(now, page.zone, "yyyy-MM-dd") });
}

const INTENTS = ["set", "clear"] as const;
const intentSchema = z.object({
  intent: z.enum(INTENTS, { errorMap: () => ({ message: "Unknown action. Reload the page and try again." }) }),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await context(request, params);
  const form = await readForm(request);
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return answer(invalid("Unknown action. Reload the page and try again.", which.errors));
  if (which.data.intent === "clear") {
    return answer(await clearAway(ctx), { intent: "clear", notice: "Welcome back: requests come to you again." });
  }
  const typed = Object.fromEntries(["from", "until", "delegateUserId"].map((k) => [k, String(form.get(k) ?? "").slice(0, 100)]));
  const parsed = parseWith(awayFormSchema, form);
  if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent: "set", values: typed });
  return answer(await setAway(ctx, parsed.data, new Date()), {
    intent: "set",
    values: typed,
    notice: "Saved. Requests made while you are away go to your delegate, and their decision counts in your place.",
  });
}

export default function AwayPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const nav = useNavigation();
  const busy = (intent: string) => nav.state !== "idle" && nav.formData?.get("intent") === intent;
  const current = data.current;
  const [form, fields] = useActionForm({
    id: "away",
    intent: "set",
    schema: awayFormSchema,
    answer: result,
    defaultValue: { from: current?.from ?? data.today, until: current?.until ?? "", delegateUserId: current?.delegateId ?? "" },
  });
  const delegateHint =
    data.brandName !== null
      ? `Only another brand lead of ${data.brandName} can stand in for you: the brand sign-off is theirs to give. Never the person who submitted a draft.`
      : "Someone who reviews the same campaigns. They never decide on a draft they submitted themselves.";
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader
        title="Away and delegate"
        description="Going on leave? Name a delegate: approval requests made while you are away go to them, and their decision counts in your place."
      />
      <LiveRegion politeness="polite">
        {result?.ok && result.notice ? (
          <Alert tone="success" role="status">
            {result.notice}
          </Alert>
        ) : null}
      </LiveRegion>
      {current ? (
        <Card title={current.started ? "You are away" : "You will be away"}>
          <p className="text-sm text-ink">
            From <strong>{current.fromLabel}</strong> to <strong>{current.untilLabel}</strong> (last day), in your time zone ({data.zone}).{" "}
            {current.delegateName
              ? `${current.delegateName} decides in your place.`
              : "Your delegate is no longer a member: name another one."}
          </p>
          <Form method="post" className="mt-4">
            <input type="hidden" name="intent" value="clear" />
            <Button type="submit" variant="secondary" disabled={busy("clear")}>
              I'm back: end it now
            </Button>
          </Form>
        </Card>
      ) : null}
      {data.candidates.length === 0 && !current ? (
        <Alert tone="info" title="Nobody can stand in for you yet">
          {data.brandName !== null
            ? `${data.brandName} has no other brand lead in this workspace. Ask an admin to invite one; meanwhile a sign-off that sits without your decision escalates to the coordinator, and to the stage's backup if the route names one.`
            : "Nobody in this workspace reviews the same campaigns as you. Ask an admin to invite a colleague."}
        </Alert>
      ) : (
        <Card
          title={current ? "Change the period or the delegate" : "Set an away period"}
          description={`Whole days in your time zone (${data.zone}). While it lasts, what waits for your decision is in your delegate's list and reminders and new requests go to them; when it ends, what is still open comes back to you.`}
        >
          <Form method="post" className="space-y-5" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="set" />
            <LiveRegion>
              <FormError errors={form.errors} />
            </LiveRegion>
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField label="First day away" type="date" required {...textFieldProps(fields.from)} />
              <TextField label="Last day away" type="date" required min={data.today} {...textFieldProps(fields.until)} />
            </div>
            <SelectField
              label="Delegate"
              name={fields.delegateUserId.name}
              required
              defaultValue={typeof fields.delegateUserId.initialValue === "string" ? fields.delegateUserId.initialValue : ""}
              placeholder={data.candidates.length ? "Choose a delegate" : "Nobody can be chosen"}
              options={data.candidates.map((c) => ({ value: c.id, label: `${c.name} (${c.email})` }))}
              errors={fields.delegateUserId.errors}
              hint={delegateHint}
            />
            <Button type="submit" disabled={busy("set")}>
              {current ? "Save changes" : "Save away period"}
            </Button>
          </Form>
        </Card>
      )}
    </div>
  );
}
