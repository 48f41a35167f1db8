import { useEffect, useRef, useState, type FormEvent } from "react";
import type { DragPreview } from "~/modules/calendar/drag.server";
import { Button, FormError, TextAreaField } from "~/components/ui";
import type { Item } from "./items";
import type { Target } from "./drag-layer";
import { WhatIfPreview } from "./what-if-preview";

export interface PendingDrop {
  item: Item;
  target: Target;
  spoken: string;
  preview: DragPreview | null;
  /** The server's refusal, in its words (a reason it still wants, a change since the what-if). */
  error: string | null;
}

/**
 * A drop that creates an error, loses the sign-off or lands inside the sign-off window is confirmed
 * here (decision 066): the what-if again, and a reason when one is asked for (kept in the move's
 * audit event). A modal <dialog>: focus moves in, stays in, and Escape cancels.
 */
export function DragReasonDialog({
  drop,
  busy,
  onCancel,
  onConfirm,
}: {
  drop: PendingDrop;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState("");
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const asks = drop.preview?.reasonPrompt ?? (drop.error?.startsWith("Say why") ? drop.error : null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onConfirm(reason.trim());
  };
  return (
    <dialog
      ref={ref}
      aria-labelledby="drag-confirm-title"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      className="m-auto w-[calc(100%-1rem)] max-w-lg rounded-2xl bg-white p-0 shadow-2xl backdrop:bg-slate-900/40"
    >
      <form method="dialog" onSubmit={submit} className="max-h-[85vh] space-y-4 overflow-y-auto p-5">
        <h2 id="drag-confirm-title" className="text-lg font-semibold text-ink">
          {asks ? "Why move it anyway?" : "Confirm the move"}
        </h2>
        {drop.preview ? (
          <WhatIfPreview view={drop.preview} headingId="drag-confirm-what-if" undoNote>
            {null}
          </WhatIfPreview>
        ) : (
          <p className="text-sm text-ink-soft">
            Move “{drop.item.title}” to {drop.spoken}.
          </p>
        )}
        {drop.error && drop.error !== asks ? <FormError errors={drop.error} /> : null}
        {asks ? (
          <TextAreaField
            label="Reason"
            name="reason"
            hint={asks}
            required
            maxLength={1000}
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            errors={drop.error === asks ? asks : undefined}
            autoFocus
          />
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" disabled={busy || (asks !== null && reason.trim() === "")}>
            Move it
          </Button>
        </div>
      </form>
    </dialog>
  );
}
