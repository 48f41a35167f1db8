import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { Button } from "~/components/ui";
import { UNDO_WINDOW_MINUTES } from "~/modules/calendar/drag-rules";

export interface DoneMove {
  moveId: number;
  title: string;
  to: string;
  lostSignOff: boolean;
  notice: string;
}

/**
 * After a drop (decision 066): what happened, and Undo for the publish time. The server decides
 * whether undo is still allowed (ten minutes, nothing changed since) and answers 409 otherwise.
 */
export function DragUndo({ slug, move, onClose }: { slug: string; move: DoneMove; onClose: () => void }) {
  const fetcher = useFetcher<{ ok: boolean; notice?: string; formError?: string }>();
  const heading = useRef<HTMLParagraphElement>(null);
  useEffect(() => heading.current?.focus(), [move.moveId]);
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  return (
    <div
      role="status"
      data-testid="drag-undo"
      className="fixed inset-x-2 bottom-2 z-50 rounded-xl bg-white p-4 shadow-2xl ring-1 ring-slate-300 sm:inset-x-auto sm:right-4 sm:w-[26rem]"
    >
      <p ref={heading} tabIndex={-1} className="text-sm font-medium text-ink focus:outline-none">
        {answer?.ok ? answer.notice : `“${move.title}” moved to ${move.to}. ${move.notice}`}
      </p>
      {!answer?.ok && move.lostSignOff ? (
        <p className="mt-1 text-sm text-ink-soft">The brand&rsquo;s sign-off was removed; undo puts the time back, not the sign-off.</p>
      ) : null}
      {answer && !answer.ok ? <p className="mt-1 text-sm font-medium text-red-800">{answer.formError}</p> : null}
      <div className="mt-3 flex gap-2">
        {!answer?.ok ? (
          <fetcher.Form method="post" action={`/w/${slug}/calendar/move`}>
            <input type="hidden" name="intent" value="undo" />
            <input type="hidden" name="moveId" value={move.moveId} />
            <Button type="submit" size="sm" variant="secondary" disabled={fetcher.state !== "idle"}>
              Undo (within {UNDO_WINDOW_MINUTES} minutes)
            </Button>
          </fetcher.Form>
        ) : null}
        <Button type="button" size="sm" variant="ghost" onClick={onClose}>
          Close
        </Button>
      </div>
    </div>
  );
}
