import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AuthLayout } from "~/components/shell/auth-layout";
import { Alert, Button, FormError, TextField } from "~/components/ui";
import { resetPassword } from "~/modules/auth/auth.server";
import { visitorContext } from "~/modules/workspaces/authz.server";
import { peekLinkToken } from "~/modules/auth/link-tokens.server";
import { resetSchema } from "~/modules/auth/schemas";
import { answer } from "~/utils/action-data.server";
import { useActionForm } from "~/utils/conform";
import { db } from "~/utils/db.server";
import { parseWith, readForm } from "~/utils/http.server";
import { invalid } from "~/utils/outcome";

export const meta: MetaFunction = () => [{ title: "Choose a new password · Baton" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const state = (await peekLinkToken(db(), "password_reset", params.token ?? "")).state;
  return json({ state }, { status: state === "valid" ? 200 : 410 });
}

/** The page's one form; the answer names it so the form knows the answer is its own. */
const NEW_PASSWORD = "new-password";

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseWith(resetSchema, await readForm(request));
  // Nothing is put back: the only field is the password.
  if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent: NEW_PASSWORD });
  const outcome = await resetPassword(visitorContext(request), { token: params.token ?? "", password: parsed.data.password });
  if (!outcome.ok) return answer(outcome, { intent: NEW_PASSWORD });
  return redirect("/login?reset=1");
}

export default function ResetPasswordPage() {
  const { state } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [form, fields] = useActionForm({ id: NEW_PASSWORD, intent: NEW_PASSWORD, schema: resetSchema, answer: data });
  if (state !== "valid") {
    return (
      <AuthLayout title="This link cannot be used">
        <Alert tone="warning">This reset link is not valid, was already used, or has expired.</Alert>
        <Link to="/forgot-password" className="mt-4 inline-block text-sm font-medium text-accent hover:underline">
          Ask for a new link
        </Link>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Choose a new password" subtitle="Signing in with the new password ends every other session.">
      <Form method="post" className="space-y-5" {...getFormProps(form)}>
        <FormError errors={form.errors} />
        <TextField
          label="New password"
          name={fields.password.name}
          type="password"
          autoComplete="new-password"
          required
          errors={fields.password.errors}
          hint="At least 8 characters."
        />
        <Button type="submit" className="w-full">
          Save password
        </Button>
      </Form>
    </AuthLayout>
  );
}
