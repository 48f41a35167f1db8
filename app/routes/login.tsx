import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { getFormProps, useForm, type Submission } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { AuthLayout } from "~/components/shell/auth-layout";
import { Alert, Button, FormError, TextField } from "~/components/ui";
import { sameForEveryEmail } from "~/modules/auth/answers.server";
import { typedValues } from "~/utils/action-data.server";
import { requestMagicLink, resendVerification, signIn } from "~/modules/auth/auth.server";
import { visitorContext, type VisitorContext } from "~/modules/workspaces/authz.server";
import { emailOnlySchema, signInSchema } from "~/modules/auth/schemas";
import { createUserSession, getUser } from "~/modules/auth/session.server";
import { answer, failureData, STATUS_OF } from "~/utils/action-data.server";
import { conformResult, textFieldProps } from "~/utils/conform";
import { parseWith, readForm } from "~/utils/http.server";
import { invalid } from "~/utils/outcome";
import { safeRedirectPath } from "~/utils/redirect";

export const meta: MetaFunction = () => [{ title: "Sign in · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return null;
}

const intentSchema = z.object({ intent: z.enum(["password", "magic", "resend-verification"]).default("password") });

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const visitor = visitorContext(request);
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return answer(invalid(undefined, which.errors));
  const intent = which.data.intent;
  if (intent === "password") return signInWithPassword(visitor, form);
  const values = typedValues(form, ["email"]);
  const parsed = parseWith(emailOnlySchema, form);
  if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent, values });
  const { email, redirectTo } = parsed.data;
  const outcome =
    intent === "magic"
      ? await requestMagicLink(visitor, { email, redirectTo: safeRedirectPath(redirectTo, "/") })
      : await resendVerification(visitor, { email, redirectTo: safeRedirectPath(redirectTo, "") || undefined });
  return sameForEveryEmail(outcome, { intent, values });
}

async function signInWithPassword(visitor: VisitorContext, form: FormData) {
  const intent = "password";
  const parsed = parseWith(signInSchema, form);
  // The email goes back into the form; the password never does.
  if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent, values: typedValues(form, ["email"]) });
  const outcome = await signIn(visitor, parsed.data);
  if (outcome.ok) return createUserSession(outcome.value, safeRedirectPath(parsed.data.redirectTo, "/"));
  if (outcome.problem.code === "unverified") {
    // Reached only with the right password, so naming the address reveals nothing to a stranger.
    const email = parsed.data.email;
    const data = { ...failureData(outcome.problem, { intent, values: { email } }), unverified: email };
    return json(data, { status: STATUS_OF[outcome.problem.kind] });
  }
  // A wrong password and an unknown email (and a locked account) answer alike: nothing typed is put back.
  return answer(outcome, { intent });
}

type SignInFields = z.input<typeof signInSchema>;

/**
 * One form, two buttons: the browser checks what the action will check for the button that sent
 * it, so "Email me a sign-in link" is never refused for an empty password.
 */
function checkInBrowser(formData: FormData): Submission<SignInFields> {
  const options = { disableAutoCoercion: true };
  if (formData.get("intent") !== "magic") return parseWithZod(formData, { ...options, schema: signInSchema });
  // The link's answer has no password, which the sign-in form's type has: only the messages are read.
  return parseWithZod(formData, { ...options, schema: emailOnlySchema }) as unknown as Submission<SignInFields>;
}

export default function LoginPage() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const redirectTo = params.get("redirectTo") ?? "";
  const unverified = data && "unverified" in data ? data.unverified : null;
  // The unverified answer has its own alert below; every other answer belongs to the sign-in form.
  const own = unverified ? null : data;
  const sent = Boolean(own?.ok && own.intent === "magic");
  const resent = Boolean(own?.ok && own.intent === "resend-verification");
  const [form, fields] = useForm<SignInFields>({
    id: "sign-in",
    lastResult: conformResult(own, own?.intent ?? "password"),
    constraint: getZodConstraint(signInSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => checkInBrowser(formData),
  });
  return (
    <AuthLayout
      title="Sign in to Baton"
      subtitle="Briefs, approvals and launch timing in one place."
      footer={
        <>
          New here?{" "}
          <Link className="font-medium text-accent hover:underline" to="/signup">
            Create an account
          </Link>
        </>
      }
    >
      {sent ? (
        <Alert tone="success" title="Check your inbox">
          If an account exists for that email, a sign-in link is on its way. It works once and expires in 20 minutes.
        </Alert>
      ) : null}
      {resent ? (
        <Alert tone="success" title="Check your inbox">
          If that account is waiting for its email to be confirmed, a new confirmation link is on its way.
        </Alert>
      ) : null}
      {unverified ? (
        <Form method="post" className="mb-5">
          <input type="hidden" name="email" value={unverified} />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <Alert
            tone="warning"
            role="alert"
            title="Confirm your email first: we sent you a link"
            actions={
              <Button type="submit" name="intent" value="resend-verification" variant="secondary" disabled={busy}>
                Send the link again
              </Button>
            }
          >
            Open the link in the email we sent to {unverified} when you created your account.
          </Alert>
        </Form>
      ) : null}
      <Form method="post" className="space-y-5" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <FormError errors={form.errors} />
        <TextField label="Email" type="email" autoComplete="email" required {...textFieldProps(fields.email)} />
        <TextField
          label="Password"
          name={fields.password.name}
          type="password"
          autoComplete="current-password"
          errors={fields.password.errors}
          hint={
            <Link to="/forgot-password" className="text-accent hover:underline">
              Forgot your password?
            </Link>
          }
        />
        <Button type="submit" name="intent" value="password" className="w-full" disabled={busy}>
          Sign in
        </Button>
        <div className="relative py-1 text-center text-xs uppercase tracking-wide text-ink-muted">
          <span className="bg-white px-2">or</span>
        </div>
        <Button type="submit" name="intent" value="magic" variant="secondary" className="w-full" disabled={busy}>
          Email me a sign-in link
        </Button>
      </Form>
    </AuthLayout>
  );
}
