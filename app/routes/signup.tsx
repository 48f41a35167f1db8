import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { AuthLayout } from "~/components/shell/auth-layout";
import { Alert, Button, FormError, TextField } from "~/components/ui";
import { sameForEveryEmail } from "~/modules/auth/answers.server";
import { typedValues } from "~/utils/action-data.server";
import { signUp } from "~/modules/auth/auth.server";
import { visitorContext } from "~/modules/workspaces/authz.server";
import { signUpSchema } from "~/modules/auth/schemas";
import { getUser } from "~/modules/auth/session.server";
import { answer } from "~/utils/action-data.server";
import { textFieldProps, useActionForm } from "~/utils/conform";
import { parseWith, readForm } from "~/utils/http.server";
import { invalid } from "~/utils/outcome";
import { safeRedirectPath } from "~/utils/redirect";

export const meta: MetaFunction = () => [{ title: "Create your account · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return null;
}

/** The page's one form; the answer names it so the form knows the answer is its own. */
const SIGN_UP = "sign-up";

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  // What was typed goes back into the form; the password never does.
  const values = typedValues(form, ["name", "email"]);
  const parsed = parseWith(signUpSchema, form);
  if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent: SIGN_UP, values });
  // A new address gets a verification link, a known one a sign-in link: the page is the same and
  // starts no session, so it tells nobody whether the email has an account (decision 042).
  const outcome = await signUp(visitorContext(request), {
    ...parsed.data,
    redirectTo: safeRedirectPath(parsed.data.redirectTo, "") || undefined,
  });
  return sameForEveryEmail(outcome, { intent: SIGN_UP, values, extra: { checkEmail: true as const } });
}

export default function SignupPage() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const [form, fields] = useActionForm({ id: SIGN_UP, intent: SIGN_UP, schema: signUpSchema, answer: data });
  return (
    <AuthLayout
      title="Create your Baton account"
      subtitle="Free to start. No card needed."
      footer={
        <>
          Already have an account?{" "}
          <Link className="font-medium text-accent hover:underline" to="/login">
            Sign in
          </Link>
        </>
      }
    >
      {data?.ok ? (
        <Alert tone="info" title="Check your inbox">
          We sent a message to that address. Open the link in it to confirm your email and continue.
        </Alert>
      ) : (
        <Form method="post" className="space-y-5" {...getFormProps(form)}>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
          <FormError errors={form.errors} />
          <TextField label="Your name" autoComplete="name" required {...textFieldProps(fields.name)} />
          <TextField label="Work email" type="email" autoComplete="email" required {...textFieldProps(fields.email)} />
          <TextField
            label="Password"
            name={fields.password.name}
            type="password"
            autoComplete="new-password"
            required
            errors={fields.password.errors}
            hint="At least 8 characters. A short sentence is easy to remember."
          />
          <Button type="submit" className="w-full" disabled={busy}>
            Create account
          </Button>
        </Form>
      )}
    </AuthLayout>
  );
}
