import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { LinkConfirmPage, type LinkConfirmCopy } from "~/components/auth/link-confirm-page";
import { redeemEmailVerification } from "~/modules/auth/auth.server";
import { visitorContext } from "~/modules/workspaces/authz.server";
import { peekLinkToken } from "~/modules/auth/link-tokens.server";
import { createUserSession } from "~/modules/auth/session.server";
import { db } from "~/utils/db.server";
import { safeRedirectPath } from "~/utils/redirect";

export const meta: MetaFunction = () => [{ title: "Confirm your email · Baton" }];

/** Opening the link only looks (mail scanners open links); the button's POST confirms and signs in. */
export async function loader({ params }: LoaderFunctionArgs) {
  const state = (await peekLinkToken(db(), "email_verification", params.token ?? "")).state;
  return json({ state }, { status: state === "valid" ? 200 : 410 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const result = await redeemEmailVerification(visitorContext(request), params.token ?? "");
  if (!result) return json({ state: "used" as const }, { status: 410 });
  return createUserSession(result.userId, safeRedirectPath(result.redirectTo, "/"));
}

const COPY: LinkConfirmCopy = {
  title: "Confirm your email",
  intro:
    "Press the button to confirm this address is yours and sign in on this device. If you did not create a Baton account, close this page.",
  button: "Confirm my email",
  refused: {
    invalid: "This confirmation link is not valid. Sign in with your password to get a new one.",
    used: "This confirmation link was already used. If your email is confirmed, sign in as usual.",
    expired: "This confirmation link has expired. Sign in with your password to get a new one.",
  },
};

export default function VerifyEmailPage() {
  const { state } = useLoaderData<typeof loader>();
  return <LinkConfirmPage state={state} copy={COPY} />;
}
