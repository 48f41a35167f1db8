import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { AuthLayout } from "~/components/shell/auth-layout";
import { Alert, Button, FormError, TextField } from "~/components/ui";
import { requestPasswordReset } from "~/modules/auth/auth.server";
import { visitorContext } from "~/modules/workspaces/authz.server";
import { emailOnlySchema } from "~/modules/auth/schemas";
import { badRequest, parseWith, readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Reset your password · Baton" }];

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseWith(emailOnlySchema, await readForm(request));
  if (!parsed.success) return badRequest(parsed.errors);
  await requestPasswordReset(visitorContext(request), parsed.data);
  return json({ ok: true as const, sent: true, errors: {}, formError: null });
}

export default function ForgotPasswordPage() {
  const data = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = (data?.errors ?? {}) as Record<string, string[]>;
  return (
    <AuthLayout
      title="Reset your password"
      subtitle="We will email you a link to choose a new one."
      footer={
        <Link className="font-medium text-accent hover:underline" to="/login">
          Back to sign in
        </Link>
      }
    >
      {data && "sent" in data ? (
        <Alert tone="success" title="Check your inbox">
          If an account exists for that email, a reset link is on its way. It works once and expires in 30 minutes.
        </Alert>
      ) : (
        <Form method="post" className="space-y-5" noValidate>
          <FormError>{data?.formError ?? null}</FormError>
          <TextField label="Email" name="email" type="email" autoComplete="email" required errors={errors.email} />
          <Button type="submit" className="w-full" disabled={busy}>
            Send reset link
          </Button>
        </Form>
      )}
    </AuthLayout>
  );
}
