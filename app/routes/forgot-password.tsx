import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { AuthLayout } from "~/components/shell/auth-layout";
import { Alert, Button, FormError, TextField } from "~/components/ui";
import { sameForEveryEmail } from "~/modules/auth/answers.server";
import { typedValues } from "~/utils/action-data.server";
import { requestPasswordReset } from "~/modules/auth/auth.server";
import { visitorContext } from "~/modules/workspaces/authz.server";
import { emailOnlySchema } from "~/modules/auth/schemas";
import { answer } from "~/utils/action-data.server";
import { textFieldProps, useActionForm } from "~/utils/conform";
import { parseWith, readForm } from "~/utils/http.server";
import { invalid } from "~/utils/outcome";

export const meta: MetaFunction = () => [{ title: "Reset your password · Baton" }];

/** The page's one form; the answer names it so the form knows the answer is its own. */
const ASK_FOR_LINK = "ask-for-reset-link";

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const values = typedValues(form, ["email"]);
  const parsed = parseWith(emailOnlySchema, form);
  if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent: ASK_FOR_LINK, values });
  const outcome = await requestPasswordReset(visitorContext(request), parsed.data);
  return sameForEveryEmail(outcome, { intent: ASK_FOR_LINK, values });
}

export default function ForgotPasswordPage() {
  const data = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [form, fields] = useActionForm({ id: ASK_FOR_LINK, intent: ASK_FOR_LINK, schema: emailOnlySchema, answer: data });
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
      {data?.ok ? (
        <Alert tone="success" title="Check your inbox">
          If an account exists for that email, a reset link is on its way. It works once and expires in 30 minutes.
        </Alert>
      ) : (
        <Form method="post" className="space-y-5" {...getFormProps(form)}>
          <FormError errors={form.errors} />
          <TextField label="Email" type="email" autoComplete="email" required {...textFieldProps(fields.email)} />
          <Button type="submit" className="w-full" disabled={busy}>
            Send reset link
          </Button>
        </Form>
      )}
    </AuthLayout>
  );
}
