import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { AuthLayout } from "~/components/shell/auth-layout";
import { Alert, Button, FormError, TextField } from "~/components/ui";
import { signUp } from "~/modules/auth/auth.server";
import { visitorContext } from "~/modules/workspaces/authz.server";
import { signUpSchema } from "~/modules/auth/schemas";
import { getUser } from "~/modules/auth/session.server";
import { badRequest, parseWith, readForm } from "~/utils/http.server";
import { safeRedirectPath } from "~/utils/redirect";

export const meta: MetaFunction = () => [{ title: "Create your account · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseWith(signUpSchema, await readForm(request));
  if (!parsed.success) return badRequest(parsed.errors);
  // A new address gets a verification link, a known one a sign-in link: the page is the same and
  // starts no session, so it tells nobody whether the email has an account (decision 042).
  await signUp(visitorContext(request), { ...parsed.data, redirectTo: safeRedirectPath(parsed.data.redirectTo, "") || undefined });
  return json({ ok: true as const, checkEmail: true, errors: {}, formError: null });
}

export default function SignupPage() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const errors = (data?.errors ?? {}) as Record<string, string[]>;
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
      {data && "checkEmail" in data ? (
        <Alert tone="info" title="Check your inbox">
          We sent a message to that address. Open the link in it to confirm your email and continue.
        </Alert>
      ) : (
        <Form method="post" className="space-y-5" noValidate>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
          <FormError>{data?.formError ?? null}</FormError>
          <TextField label="Your name" name="name" autoComplete="name" required errors={errors.name} />
          <TextField label="Work email" name="email" type="email" autoComplete="email" required errors={errors.email} />
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            errors={errors.password}
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
