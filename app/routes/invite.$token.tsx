import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AuthLayout } from "~/components/shell/auth-layout";
import { Alert, Button } from "~/components/ui";
import { getUser } from "~/modules/auth/session.server";
import { requireUserContext } from "~/modules/workspaces/authz.server";
import { acceptInvitation, findInvitation } from "~/modules/workspaces/members.server";
import { ROLE_LABELS } from "~/modules/workspaces/permissions";
import { STATUS_OF } from "~/utils/action-data.server";

export const meta: MetaFunction = () => [{ title: "Invitation · Baton" }];

/** Looking changes nothing; accepting is the POST below, by the invited email's account only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await findInvitation(params.token ?? "");
  const user = await getUser(request);
  if (found.state !== "valid")
    return json({ state: found.state, workspace: null, role: null, email: null, user: null, path: "" }, { status: 410 });
  const ws = found.workspace;
  return json({
    state: found.state,
    workspace: ws ? { name: ws.name } : null,
    role: ROLE_LABELS[found.inv.role],
    email: found.inv.email,
    user: user ? { email: user.email, verified: Boolean(user.emailVerifiedAt) } : null,
    path: new URL(request.url).pathname,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireUserContext(request);
  const outcome = await acceptInvitation(ctx, { token: params.token ?? "" });
  // This page reads `message` (not the form shape): a refusal here is a sentence, not a form to fix.
  if (!outcome.ok) return json({ message: outcome.problem.message }, { status: STATUS_OF[outcome.problem.kind] });
  throw redirect(`/w/${outcome.value}`);
}

export default function InvitationPage() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const here = data.path;
  if (data.state !== "valid") {
    return (
      <AuthLayout title="This invitation cannot be used">
        <Alert tone="warning">
          This invitation is not valid, was already accepted, was withdrawn, or has expired. Ask the person who invited you to send a new
          one.
        </Alert>
      </AuthLayout>
    );
  }
  const signedInAsOther = data.user && data.user.email !== data.email;
  return (
    <AuthLayout
      title={`Join ${data.workspace?.name ?? "the workspace"}`}
      subtitle={
        <>
          You are invited as <strong>{data.role}</strong>.
        </>
      }
    >
      <div className="space-y-4">
        {failure ? (
          <Alert tone="danger" role="alert">
            {failure.message}
          </Alert>
        ) : null}
        <p className="text-sm text-ink-soft">
          This invitation was sent to <strong>{data.email}</strong>.
        </p>
        {!data.user ? (
          <div className="grid gap-3">
            <Link
              className="rounded-lg bg-accent px-4 py-2 text-center text-sm font-medium text-[rgb(var(--accent-fg))]"
              to={`/signup?redirectTo=${encodeURIComponent(here)}`}
            >
              Create an account with {data.email}
            </Link>
            <Link
              className="rounded-lg px-4 py-2 text-center text-sm font-medium text-accent ring-1 ring-slate-300"
              to={`/login?redirectTo=${encodeURIComponent(here)}`}
            >
              I already have an account
            </Link>
          </div>
        ) : signedInAsOther ? (
          <Alert tone="warning">
            You are signed in as {data.user.email}. Sign out and sign in as {data.email} to accept.
          </Alert>
        ) : !data.user.verified ? (
          <Alert tone="warning">Confirm your email first: open the link we sent to {data.email}, then come back to accept.</Alert>
        ) : (
          <Form method="post">
            <Button type="submit" className="w-full">
              Accept invitation
            </Button>
          </Form>
        )}
      </div>
    </AuthLayout>
  );
}
