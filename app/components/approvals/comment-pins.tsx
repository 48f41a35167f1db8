import { Button, SelectField } from "~/components/ui";
import { decodePin, encodePin, regionOf, REGIONS, type Pin } from "~/modules/approvals/pins";
import { PinTag } from "./pinned-image";
import type { DeliverablePageData } from "./deliverable-result";

type Version = NonNullable<DeliverablePageData["viewed"]>;

/**
 * The comment form's "Pin to" list (decision 058): every image of the version by region, the
 * keyboard's and the no-JavaScript way to pin; a click on an image sets the same field to the spot
 * clicked, which the list then shows as its own entry. One field, `pin`, whichever way.
 */
export function PinField({
  media,
  pin,
  onPin,
  errors,
  name,
  id,
}: {
  media: Version["media"];
  pin: Pin | null;
  onPin: (pin: Pin | null) => void;
  errors?: string[];
  name: string;
  id: string;
}) {
  const images = media.filter((m) => m.previewUrl);
  if (images.length === 0) return null;
  const options = images.flatMap((m) =>
    REGIONS.map((r) => ({ value: encodePin({ fileId: m.id, x: r.x, y: r.y }), label: `${r.label} of ${m.name}` })),
  );
  const value = pin ? encodePin(pin) : "";
  const clicked = pin && !options.some((o) => o.value === value) ? images.find((m) => m.id === pin.fileId) : undefined;
  const spot = pin ? `${regionOf(pin.x, pin.y)} of ${images.find((m) => m.id === pin.fileId)?.name ?? "the image"}` : null;
  return (
    <div className="flex flex-wrap items-end gap-3">
      <SelectField
        label="Pin to"
        hint="Or click a spot on an image above."
        name={name}
        id={id}
        value={value}
        onChange={(event) => onPin(decodePin(event.currentTarget.value))}
        errors={errors}
        options={[
          { value: "", label: "No pin" },
          ...(clicked && pin ? [{ value, label: `The spot you clicked: ${spot}` }] : []),
          ...options,
        ]}
      />
      {pin ? (
        <Button type="button" variant="ghost" size="sm" onClick={() => onPin(null)}>
          Clear pin
        </Button>
      ) : null}
    </div>
  );
}

/** The version before's pins (decision 058): listed as history on the current version, not drawn on its new images. */
export function PinHistory({ previous }: { previous: Version }) {
  const pinned = previous.comments.filter((c) => c.pin);
  if (pinned.length === 0) return null;
  return (
    <details className="rounded-md border border-slate-200 px-3 py-2 text-sm">
      <summary className="cursor-pointer font-medium text-ink">
        Pins on version {previous.version} (history, {pinned.length})
      </summary>
      <ul className="mt-2 space-y-2">
        {pinned.map((c) => (
          <li key={c.id} className={c.internal ? "rounded border border-dashed border-amber-300 bg-amber-50 px-2 py-1" : undefined}>
            <p className="flex flex-wrap items-center gap-x-2">
              {c.pin ? <PinTag pin={c.pin} internal={c.internal} /> : null}
              {c.internal ? <span className="text-xs font-semibold text-amber-900">Internal · team only</span> : null}
              <span className="font-medium text-ink">{c.author}</span>
            </p>
            <p className="whitespace-pre-wrap text-ink-soft">{c.body}</p>
          </li>
        ))}
      </ul>
    </details>
  );
}
