import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildFeed, feedOwner } from "~/modules/calendar/feeds.server";

/**
 * A member's iCalendar feed at /feeds/<token>.ics: public (calendar apps cannot sign in), the
 * secret token is the credential. Unknown, malformed or revoked tokens all answer the same 404.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const raw = params.token ?? "";
  const token = raw.endsWith(".ics") ? raw.slice(0, -4) : "";
  const ctx = token ? await feedOwner(token) : null;
  if (!ctx) {
    return new Response("Not found\n", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Robots-Tag": "noindex" },
    });
  }
  const body = await buildFeed(ctx);
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `inline; filename="baton-${ctx.workspace.slug.replace(/[^a-z0-9-]/g, "")}.ics"`,
      "Cache-Control": "private, no-store",
      "X-Robots-Tag": "noindex",
      "Referrer-Policy": "no-referrer",
    },
  });
}
