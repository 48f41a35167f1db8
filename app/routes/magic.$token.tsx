import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AuthLayout } from "~/components/shell/auth-layout";
import { Alert, Button } from "~/components/ui";
import { redeemMagicLink } from "~/modules/auth/auth.server";
import { peekLinkToken } from "~/modules/auth/link-tokens.server";
import { createUserSession } from "~/modules/auth/session.server";
import { db } from "~/utils/db.server";
import { safeRedirectPath } from "~/utils/redirect";

export const meta: MetaFunction = () => [{ title: "Sign in · Baton" }];

/** Opening the link only looks: mail scanners open links, so the sign-in happens on the button's POST. */
export async function loader({ params }: LoaderFunctionArgs) {
  const state = (await peekLinkToken(db(), "magic_link", params.token ?? "")).state;
  return json({ state }, { status: state === "valid" ? 200 : 410 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const result = await redeemMagicLink(request, params.token ?? "");
  if (!result) return json({ state: "used" as const }, { status: 410 });
  return createUserSession(result.userId, safeRedirectPath(result.redirectTo, "/"));
}

const MESSAGES = {
  invalid: "This sign-in link is not valid. Ask for a new one from the sign-in page.",
  used: "This sign-in link was already used. Each link works once; ask for a new one.",
  expired: "This sign-in link has expired. Links last 20 minutes; ask for a new one.",
};

export default function MagicLinkPage() {
  const { state } = useLoaderData<typeof loader>();
  return (
    <AuthLayout title={state === "valid" ? "Sign in to Baton" : "This link cannot be used"}>
      {state === "valid" ? (
        <Form method="post" className="space-y-4">
          <p className="text-sm text-ink-soft">Press the button to finish signing in on this device.</p>
          <Button type="submit" className="w-full">
            Sign in
          </Button>
        </Form>
      ) : (
        <div className="space-y-4">
          <Alert tone="warning">{MESSAGES[state]}</Alert>
          <Link to="/login" className="text-sm font-medium text-accent hover:underline">
            Back to sign in
          </Link>
        </div>
      )}
    </AuthLayout>
  );
}
