import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AuthLayout } from "~/components/shell/auth-layout";
import { Alert, Button, FormError, TextField } from "~/components/ui";
import { resetPassword } from "~/modules/auth/auth.server";
import { visitorContext } from "~/modules/workspaces/authz.server";
import { peekLinkToken } from "~/modules/auth/link-tokens.server";
import { resetSchema } from "~/modules/auth/schemas";
import { db } from "~/utils/db.server";
import { badRequest, parseWith, readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Choose a new password · Baton" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const state = (await peekLinkToken(db(), "password_reset", params.token ?? "")).state;
  return json({ state }, { status: state === "valid" ? 200 : 410 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseWith(resetSchema, await readForm(request));
  if (!parsed.success) return badRequest(parsed.errors);
  const userId = await resetPassword(visitorContext(request), params.token ?? "", parsed.data.password);
  if (!userId)
    return json(
      { ok: false as const, errors: {}, formError: "This reset link was already used or has expired. Ask for a new one." },
      { status: 410 },
    );
  return redirect("/login?reset=1");
}

export default function ResetPasswordPage() {
  const { state } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors = (data?.errors ?? {}) as Record<string, string[]>;
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
      <Form method="post" className="space-y-5" noValidate>
        <FormError>{data?.formError ?? null}</FormError>
        <TextField
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          errors={errors.password}
          hint="At least 8 characters."
        />
        <Button type="submit" className="w-full">
          Save password
        </Button>
      </Form>
    </AuthLayout>
  );
}
