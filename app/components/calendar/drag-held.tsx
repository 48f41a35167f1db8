import type { DragPreview } from "~/modules/calendar/drag.server";
import { WhatIfPreview } from "./what-if-preview";

type Preview = { state: "loading" } | { state: "ready"; preview: DragPreview } | { state: "error"; message: string } | null;

/**
 * While a deliverable is held (decision 066): where it would go and, once worked out, what the move
 * does there, before anything is dropped. A polite live region, so a screen reader hears it too.
 */
export function DragHeld({ title, target, preview, moved }: { title: string; target: string; preview: Preview; moved: boolean }) {
  return (
    <aside
      aria-label="What this move does"
      data-testid="drag-what-if"
      className="fixed inset-x-2 bottom-2 z-50 max-h-[55vh] overflow-y-auto rounded-xl bg-white p-4 shadow-2xl ring-2 ring-accent sm:inset-x-auto sm:right-4 sm:w-[28rem]"
    >
      <div aria-live="polite" aria-atomic="true">
        {!moved ? (
          <p className="text-sm text-ink-soft">Holding “{title}”. Move it to another day to see what the move does; Escape puts it back.</p>
        ) : !preview || preview.state === "loading" ? (
          <p className="text-sm text-ink-soft">
            Working out what moving “{title}” to {target} does…
          </p>
        ) : preview.state === "error" ? (
          <p className="text-sm font-medium text-red-800">{preview.message}</p>
        ) : (
          <WhatIfPreview view={preview.preview} headingId="drag-what-if-title" undoNote>
            {preview.preview.reasonPrompt ? (
              <p className="text-sm font-medium text-ink">Dropping it here asks for a reason.</p>
            ) : preview.preview.insideWindow ? (
              <p className="text-sm font-medium text-ink">Dropping it here asks you to confirm.</p>
            ) : null}
          </WhatIfPreview>
        )}
      </div>
    </aside>
  );
}
