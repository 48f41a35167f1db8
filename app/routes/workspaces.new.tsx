import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AuthLayout } from "~/components/shell/auth-layout";
import { Button, FormError, TextAreaField, TextField } from "~/components/ui";
import { IdempotencyKeyField } from "~/components/ui/idempotency-key-field";
import { requireUser } from "~/modules/auth/session.server";
import { workspaceSchema } from "~/modules/workspaces/schemas";
import { createWorkspace } from "~/modules/workspaces/workspaces.server";
import { requireUserContext } from "~/modules/workspaces/authz.server";
import { answer, typedValues } from "~/utils/action-data.server";
import { textFieldProps, useActionForm } from "~/utils/conform";
import { parseWith, readForm } from "~/utils/http.server";
import { newIdempotencyKey, readIdempotencyKey } from "~/utils/idempotency.server";
import { invalid } from "~/utils/outcome";

export const meta: MetaFunction = () => [{ title: "Create a workspace · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return json({ idempotencyKey: newIdempotencyKey() });
}

/** The page's one form; the answer names it so the form knows the answer is its own. */
const CREATE = "create-workspace";
const DEFAULT_ACCENT = "#4f46e5";

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireUserContext(request);
  const form = await readForm(request);
  const values = typedValues(form, Object.keys(workspaceSchema.shape));
  const parsed = parseWith(workspaceSchema, form);
  if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent: CREATE, values });
  const outcome = await createWorkspace(ctx, parsed.data, readIdempotencyKey(form));
  if (!outcome.ok) return answer(outcome, { intent: CREATE, values });
  throw redirect(`/w/${outcome.value.slug}`);
}

export default function NewWorkspacePage() {
  const { idempotencyKey } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [form, fields] = useActionForm({
    id: CREATE,
    intent: CREATE,
    schema: workspaceSchema,
    answer: data,
    defaultValue: { accentColor: DEFAULT_ACCENT },
  });
  // The picker shows the colour typed last time, when it is one it can show.
  const typedAccent = fields.accentColor.initialValue;
  const pickerColour = typeof typedAccent === "string" && /^#[0-9a-fA-F]{6}$/.test(typedAccent) ? typedAccent : DEFAULT_ACCENT;
  return (
    <AuthLayout title="Create your workspace" subtitle="Your workspace is your team's portal. Clients see its name, logo and colour.">
      <Form method="post" className="space-y-5" {...getFormProps(form)}>
        <IdempotencyKeyField value={idempotencyKey} />
        <FormError errors={form.errors} />
        <TextField label="Workspace name" required {...textFieldProps(fields.name)} placeholder="Northwind Studio" />
        <TextField
          label="Web address"
          required
          {...textFieldProps(fields.slug)}
          placeholder="northwind"
          hint="Lowercase letters, digits and dashes. Your portal lives at /w/your-address."
        />
        <div className="grid grid-cols-[1fr_auto] items-end gap-3">
          <TextField label="Accent colour" {...textFieldProps(fields.accentColor)} hint="Used on buttons, links and client emails." />
          <input
            type="color"
            aria-label="Pick accent colour"
            defaultValue={pickerColour}
            className="mb-1 h-10 w-12 cursor-pointer rounded-md border border-slate-300"
            onChange={(e) => {
              const input = e.currentTarget.form?.elements.namedItem("accentColor");
              if (input instanceof HTMLInputElement) input.value = e.currentTarget.value;
            }}
          />
        </div>
        <TextField label="Logo URL (optional)" type="url" {...textFieldProps(fields.logoUrl)} placeholder="https://…/logo.png" />
        <TextAreaField
          label="Welcome text for clients"
          rows={3}
          {...textFieldProps(fields.welcomeText)}
          hint="Shown at the top of every onboarding link."
        />
        <Button type="submit" className="w-full" disabled={busy}>
          Create workspace
        </Button>
      </Form>
    </AuthLayout>
  );
}
