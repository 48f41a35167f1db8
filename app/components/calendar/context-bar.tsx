import { Link } from "@remix-run/react";
import { buttonClasses } from "~/components/ui";
import type { CalendarContext } from "~/modules/calendar/context.server";
import { SavedViews } from "./saved-views";
import type { SettingsAnswer } from "./settings";
import { SubscribeMenu } from "./subscribe-menu";

/** What the calendar's header holds beside the view switch (issue 21): saved views, subscribe and export, markers and overlays. */
export function CalendarContextBar({
  data,
  search,
  answer,
}: {
  data: { slug: string; period: { monthParam: string }; feed: { since: string } | null; context: CalendarContext };
  search: string;
  answer: SettingsAnswer | undefined;
}) {
  const { context } = data;
  return (
    <>
      <SavedViews slug={data.slug} views={context.views} query={context.query} />
      <SubscribeMenu
        slug={data.slug}
        search={search}
        monthParam={data.period.monthParam}
        feed={data.feed}
        answer={answer}
        canShare={context.canShare}
      />
      {context.canMark ? (
        <Link to={`/w/${data.slug}/calendar/markers`} className={buttonClasses("ghost", "sm")}>
          Markers
        </Link>
      ) : null}
      {context.canOverlay ? (
        <Link to={`/w/${data.slug}/calendar/overlays`} className={buttonClasses("ghost", "sm")}>
          Holidays and events
        </Link>
      ) : null}
    </>
  );
}
