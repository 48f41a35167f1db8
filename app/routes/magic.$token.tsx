import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { LinkConfirmPage, type LinkConfirmCopy } from "~/components/auth/link-confirm-page";
import { redeemMagicLink } from "~/modules/auth/auth.server";
import { visitorContext } from "~/modules/workspaces/authz.server";
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
  const result = await redeemMagicLink(visitorContext(request), params.token ?? "");
  if (!result) return json({ state: "used" as const }, { status: 410 });
  return createUserSession(result.userId, safeRedirectPath(result.redirectTo, "/"));
}

const COPY: LinkConfirmCopy = {
  title: "Sign in to Baton",
  intro: "Press the button to finish signing in on this device.",
  button: "Sign in",
  refused: {
    invalid: "This sign-in link is not valid. Ask for a new one from the sign-in page.",
    used: "This sign-in link was already used. Each link works once; ask for a new one.",
    expired: "This sign-in link has expired. Links last 20 minutes; ask for a new one.",
  },
};

export default function MagicLinkPage() {
  const { state } = useLoaderData<typeof loader>();
  return <LinkConfirmPage state={state} copy={COPY} />;
}
