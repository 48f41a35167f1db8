import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Card, PageHeader } from "~/components/ui";
import { requireUser } from "~/modules/auth/session.server";
import { finishGoogleConnect } from "~/modules/connections/manage.server";
import { STATUS_OF } from "~/utils/action-data.server";
import { requestMeta } from "~/utils/http.server";
import { isDomainError } from "~/utils/outcome";

export const meta: MetaFunction = () => [{ title: "Connecting Google · Baton" }];

/**
 * Where Google sends the admin back after consent (issue 19): one address for every workspace (the
 * one registered with Google); the state says which workspace and which admin. Thin: the service
 * checks the state, exchanges the code and stores the sealed credential, then back to the page.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const text = (name: string) => {
    const value = url.searchParams.get(name);
    return value && value.length <= 2048 && !/[\u0000-\u001f]/.test(value) ? value : null;
  };
  try {
    const { slug, outcome } = await finishGoogleConnect(user, requestMeta(request), {
      state: text("state"),
      code: text("code"),
      error: text("error"),
    });
    const back = new URLSearchParams(outcome.ok ? { connected: "google" } : { problem: outcome.problem.message });
    return redirect(`/w/${slug}/settings/connections?${back.toString()}`);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return json({ message: error.problem.message }, { status: STATUS_OF[error.problem.kind] });
  }
}

export default function GoogleCallback() {
  const { message } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-xl space-y-6 p-6">
      <PageHeader title="Google was not connected" />
      <Card>
        <p className="text-ink">{message}</p>
        <p className="mt-4">
          <Link to="/" className="font-medium text-ink underline underline-offset-2">
            Back to Baton
          </Link>
        </p>
      </Card>
    </main>
  );
}
