import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DecisionFrame } from "~/components/decision-links/decision-frame";
import { ShareLinkEnded } from "~/components/calendar/share-ended";
import { SharedCalendarView } from "~/components/calendar/share-view";
import { sharedCalendar } from "~/modules/calendar/share-page.server";
import { SHARE_PAGE_HEADERS, limitShareLinkRoute, noteOpened, shareDoor, shareEndedAnswer } from "~/modules/calendar/share-links.server";
import { visitorContext } from "~/modules/workspaces/authz.server";
import { throwUnlessOk } from "~/utils/action-data.server";

/**
 * A brand's read-only calendar for client contacts without an account (issue 21, decision 067):
 * the token is the credential. Unknown tokens answer 404, expired and revoked ones 410. Ships no
 * app bundle (no script on a page under a token, security.md 14).
 */
export const handle = { hydrate: false };

export const headers: HeadersFunction = () => SHARE_PAGE_HEADERS;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.state === "valid" ? `${data.page.brand.name} calendar · ${data.page.workspace.name}` : "Shared calendar" },
  { name: "robots", content: "noindex" },
];

/** Opening writes only the rate limit and "last opened" (security.md 12). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  throwUnlessOk(await limitShareLinkRoute(visitorContext(request), params.token));
  const door = await shareDoor(params.token);
  if (door.state !== "valid") return shareEndedAnswer(door);
  const [page] = await Promise.all([sharedCalendar(door, new URL(request.url)), noteOpened(door.link.id)]);
  return json({ state: "valid" as const, page }, { headers: SHARE_PAGE_HEADERS });
}

export default function SharedCalendarPage() {
  const data = useLoaderData<typeof loader>();
  if (data.state !== "valid") return <ShareLinkEnded state={data.state} workspace={data.workspace} />;
  const { page } = data;
  return (
    <DecisionFrame
      workspace={page.workspace}
      linkLabel="Read-only calendar link"
      footer={
        <p>
          {page.workspace.name} shared this calendar with {page.label}. It is read-only and works until {page.expiresOn}; please do not
          forward it.
        </p>
      }
    >
      <SharedCalendarView page={page} />
    </DecisionFrame>
  );
}
