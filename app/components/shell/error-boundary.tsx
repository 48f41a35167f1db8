import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { BatonLogo } from "~/components/logo";

function describe(error: unknown): { status: number; title: string; message: string } {
  if (isRouteErrorResponse(error)) {
    const data = error.data as { message?: string } | string | null;
    const given = typeof data === "string" ? data : data?.message;
    if (error.status === 404)
      return { status: 404, title: "Page not found", message: given ?? "This page does not exist, or you do not have access to it." };
    if (error.status === 403) return { status: 403, title: "Not allowed", message: given ?? "You do not have permission to do that." };
    if (error.status < 500) return { status: error.status, title: "Something is not right", message: given ?? error.statusText };
  }
  // Never show internals: the details are in the server log.
  return {
    status: 500,
    title: "Something went wrong",
    message: "We could not complete that. Please try again; if it keeps happening, tell your workspace admin.",
  };
}

/** The one error page every route uses: friendly, with a way back, and no stack traces. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { status, title, message } = describe(error);
  return (
    <main className="flex min-h-full flex-col items-center justify-center px-6 py-24 text-center">
      <BatonLogo />
      <p className="mt-10 text-sm font-semibold text-accent">{status}</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight text-ink">{title}</h1>
      <p className="mt-3 max-w-md text-base text-ink-muted">{message}</p>
      <div className="mt-8 flex gap-3">
        <Link
          to="/"
          className="rounded-lg bg-accent px-4 py-2 text-sm font-medium text-[rgb(var(--accent-fg))] shadow-sm hover:opacity-90 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent focus-visible:ring-offset-2"
        >
          Go to your home
        </Link>
      </div>
    </main>
  );
}
