import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AuthLayout } from "~/components/shell/auth-layout";
import { Button, FormError, TextAreaField, TextField } from "~/components/ui";
import { IdempotencyKeyField } from "~/components/ui/idempotency-key-field";
import { requireUser } from "~/modules/auth/session.server";
import { workspaceSchema } from "~/modules/workspaces/schemas";
import { createWorkspace } from "~/modules/workspaces/workspaces.server";
import { requireUserContext } from "~/modules/workspaces/authz.server";
import { problemAnswer } from "~/utils/action-data.server";
import { badRequest, parseWith, readForm } from "~/utils/http.server";
import { newIdempotencyKey, readIdempotencyKey } from "~/utils/idempotency.server";

export const meta: MetaFunction = () => [{ title: "Create a workspace · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return json({ idempotencyKey: newIdempotencyKey() });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireUserContext(request);
  const form = await readForm(request);
  const parsed = parseWith(workspaceSchema, form);
  if (!parsed.success) return badRequest(parsed.errors);
  const outcome = await createWorkspace(ctx, parsed.data, readIdempotencyKey(form));
  if (!outcome.ok) return problemAnswer(outcome.problem);
  throw redirect(`/w/${outcome.value.slug}`);
}

export default function NewWorkspacePage() {
  const { idempotencyKey } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = (data?.errors ?? {}) as Record<string, string[]>;
  return (
    <AuthLayout title="Create your workspace" subtitle="Your workspace is your team's portal. Clients see its name, logo and colour.">
      <Form method="post" className="space-y-5" noValidate>
        <IdempotencyKeyField value={idempotencyKey} />
        <FormError>{data?.formError ?? null}</FormError>
        <TextField label="Workspace name" name="name" required errors={errors.name} placeholder="Northwind Studio" />
        <TextField
          label="Web address"
          name="slug"
          required
          errors={errors.slug}
          placeholder="northwind"
          hint="Lowercase letters, digits and dashes. Your portal lives at /w/your-address."
        />
        <div className="grid grid-cols-[1fr_auto] items-end gap-3">
          <TextField
            label="Accent colour"
            name="accentColor"
            defaultValue="#4f46e5"
            errors={errors.accentColor}
            hint="Used on buttons, links and client emails."
          />
          <input
            type="color"
            aria-label="Pick accent colour"
            defaultValue="#4f46e5"
            className="mb-1 h-10 w-12 cursor-pointer rounded-md border border-slate-300"
            onChange={(e) => {
              const input = e.currentTarget.form?.elements.namedItem("accentColor");
              if (input instanceof HTMLInputElement) input.value = e.currentTarget.value;
            }}
          />
        </div>
        <TextField label="Logo URL (optional)" name="logoUrl" type="url" errors={errors.logoUrl} placeholder="https://…/logo.png" />
        <TextAreaField
          label="Welcome text for clients"
          name="welcomeText"
          rows={3}
          errors={errors.welcomeText}
          hint="Shown at the top of every onboarding link."
        />
        <Button type="submit" className="w-full" disabled={busy}>
          Create workspace
        </Button>
      </Form>
    </AuthLayout>
  );
}
