import type { MouseEvent } from "react";
import { FileIcon } from "~/components/icons";
import { pinAt, regionOf, REGIONS, type Pin } from "~/modules/approvals/pins";
import { cx } from "~/components/ui/cx";

/** A pin as the page draws it: its comment, number, spot and spoken name; internal ones only reach the team. */
export interface DrawnPin {
  commentId: string;
  internal?: boolean;
  number: number;
  fileId: string;
  x: number;
  y: number;
  name: string;
}

export interface PinnableMedia {
  id: string;
  name: string;
  url: string | null;
  previewUrl: string | null;
}

const place = (p: { x: number; y: number }) => ({ left: `${p.x / 100}%`, top: `${p.y / 100}%` });
const MARKER =
  "absolute flex h-7 w-7 -translate-x-1/2 -translate-y-1/2 items-center justify-center rounded-full text-xs font-bold shadow-md";

/**
 * One medium of a version, with its pins drawn over the image as numbered markers (decision 058).
 * Each marker is a link to its comment named like "Pin 2, top right of photo.png". With `onPick`
 * (the deliverable page, where the reader may comment), clicking the image picks a spot and
 * `picked` shows the spot not yet posted; a keyboard press on it picks the centre.
 */
export function PinnedImage({
  media,
  pins,
  onPick,
  picked,
}: {
  media: PinnableMedia;
  pins: DrawnPin[];
  onPick?: (pin: Pin, byKeyboard: boolean) => void;
  picked?: Pin | null;
}) {
  const mine = pins.filter((p) => p.fileId === media.id);
  const pick = (event: MouseEvent<HTMLButtonElement>) => {
    if (!onPick) return;
    // A click made with the keyboard has no point (detail 0): it picks the centre, and the list refines it.
    if (event.detail === 0) return onPick({ fileId: media.id, ...REGIONS[4] }, true);
    const box = event.currentTarget.getBoundingClientRect();
    onPick({ fileId: media.id, ...pinAt(event.clientX - box.left, event.clientY - box.top, box.width, box.height) }, false);
  };
  const image = media.previewUrl ? <img src={media.previewUrl} alt={media.name} className="block h-auto w-full" loading="lazy" /> : null;
  return (
    <li className="overflow-hidden rounded-lg ring-1 ring-slate-200">
      {image ? (
        <div className="relative">
          {onPick ? (
            <button
              type="button"
              onClick={pick}
              aria-label={`Pin your comment to a spot on ${media.name}`}
              className="block w-full cursor-crosshair focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-accent"
            >
              {image}
            </button>
          ) : (
            image
          )}
          {mine.map((p) => (
            <a
              key={p.commentId}
              href={`#comment-${p.commentId}`}
              aria-label={p.internal ? `Internal ${p.name.charAt(0).toLowerCase()}${p.name.slice(1)}` : p.name}
              data-pin={p.number}
              style={place(p)}
              className={cx(
                MARKER,
                "focus:outline-none focus-visible:ring-2 focus-visible:ring-offset-2 focus-visible:ring-accent",
                p.internal
                  ? "border-2 border-dashed border-amber-700 bg-amber-100 text-amber-950"
                  : "bg-accent text-[rgb(var(--accent-fg))] ring-2 ring-white",
              )}
            >
              {p.number}
            </a>
          ))}
          {picked && picked.fileId === media.id ? (
            <span
              aria-hidden="true"
              data-picked
              style={place(picked)}
              className={cx(MARKER, "pointer-events-none border-2 border-dashed border-ink bg-white/80 text-ink")}
            >
              +
            </span>
          ) : null}
        </div>
      ) : (
        <span className="flex aspect-square w-full items-center justify-center bg-slate-50 text-ink-muted">
          <FileIcon size={28} />
        </span>
      )}
      {media.url ? (
        <a href={media.url} className="block truncate px-2 py-1.5 text-xs text-ink-soft hover:underline">
          {media.name}
        </a>
      ) : (
        <span className="block truncate px-2 py-1.5 text-xs text-ink-muted">{media.name}</span>
      )}
    </li>
  );
}

/** A comment's pin in a list: its number as on the image, and where it is in words. */
export function PinTag({ pin, internal = false }: { pin: { number: number; x: number; y: number; fileName: string }; internal?: boolean }) {
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-ink-soft">
      <span
        aria-hidden="true"
        className={cx(
          "inline-flex h-5 w-5 items-center justify-center rounded-full text-[11px] font-bold",
          internal ? "border border-dashed border-amber-700 bg-amber-100 text-amber-950" : "bg-accent text-[rgb(var(--accent-fg))]",
        )}
      >
        {pin.number}
      </span>
      <span>
        <span className="sr-only">Pin {pin.number}, </span>
        {regionOf(pin.x, pin.y)} of {pin.fileName}
      </span>
    </span>
  );
}

/** The pins of a version's comments, ready to draw. */
export const drawnPins = (
  comments: { id: string; internal?: boolean; pin: { number: number; fileId: string; x: number; y: number; name: string } | null }[],
): DrawnPin[] => comments.flatMap((c) => (c.pin ? [{ commentId: c.id, internal: c.internal, ...c.pin }] : []));
