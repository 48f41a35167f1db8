import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { AuthLayout } from "~/components/shell/auth-layout";
import { Alert, Button, FormError, TextField } from "~/components/ui";
import { requestMagicLink, resendVerification, signIn } from "~/modules/auth/auth.server";
import { visitorContext } from "~/modules/workspaces/authz.server";
import { emailOnlySchema, signInSchema } from "~/modules/auth/schemas";
import { createUserSession, getUser } from "~/modules/auth/session.server";
import { badRequest, parseWith, readForm } from "~/utils/http.server";
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
  if (!which.success) return badRequest(which.errors);
  if (which.data.intent === "magic") {
    const parsed = parseWith(emailOnlySchema, form);
    if (!parsed.success) return badRequest(parsed.errors);
    await requestMagicLink(visitor, { email: parsed.data.email, redirectTo: safeRedirectPath(parsed.data.redirectTo, "/") });
    return json({ ok: true as const, sent: true, errors: {}, formError: null });
  }
  if (which.data.intent === "resend-verification") {
    const parsed = parseWith(emailOnlySchema, form);
    if (!parsed.success) return badRequest(parsed.errors);
    await resendVerification(visitor, { email: parsed.data.email, redirectTo: safeRedirectPath(parsed.data.redirectTo, "") || undefined });
    return json({ ok: true as const, resent: true, errors: {}, formError: null });
  }
  const parsed = parseWith(signInSchema, form);
  if (!parsed.success) return badRequest(parsed.errors);
  const result = await signIn(visitor, parsed.data);
  if (!result.ok && result.reason === "unverified") {
    // Reached only with the right password, so telling it reveals nothing to a stranger.
    return json(
      { ok: false as const, unverified: parsed.data.email, errors: {}, formError: "Confirm your email first: we sent you a link." },
      { status: 403 },
    );
  }
  if (!result.ok)
    return json(
      { ok: false as const, sent: false, errors: {}, formError: "That email and password do not match an account." },
      { status: 400 },
    );
  return createUserSession(result.userId, safeRedirectPath(parsed.data.redirectTo, "/"));
}

export default function LoginPage() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const redirectTo = params.get("redirectTo") ?? "";
  const errors = (data?.errors ?? {}) as Record<string, string[]>;
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
      {data && "sent" in data && data.sent ? (
        <Alert tone="success" title="Check your inbox">
          If an account exists for that email, a sign-in link is on its way. It works once and expires in 20 minutes.
        </Alert>
      ) : null}
      {data && "resent" in data ? (
        <Alert tone="success" title="Check your inbox">
          If that account is waiting for its email to be confirmed, a new confirmation link is on its way.
        </Alert>
      ) : null}
      {data && "unverified" in data ? (
        <Form method="post" className="mb-5">
          <input type="hidden" name="email" value={data.unverified} />
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
            Open the link in the email we sent to {data.unverified} when you created your account.
          </Alert>
        </Form>
      ) : null}
      <Form method="post" className="space-y-5" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <FormError>{data?.formError && !("sent" in data && data.sent) && !("unverified" in data) ? data.formError : null}</FormError>
        <TextField label="Email" name="email" type="email" autoComplete="email" required errors={errors.email} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          errors={errors.password}
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
