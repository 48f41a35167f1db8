import { isId } from "~/utils/ids";
import type { FieldMessages } from "~/utils/outcome";

/**
 * Pins on images (issue 18 part 2, decision 058): a comment may point at one spot of one image of
 * the version it is about. The spot is stored in ten-thousandths of the image's width and height
 * from its top-left corner, so it lands on the same spot at any display size.
 */

/** The far edge of an image, in pin units. */
export const PIN_SCALE = 10_000;

export interface Pin {
  fileId: string;
  x: number;
  y: number;
}

/** The nine regions a point falls in, left to right and top to bottom; each with its centre for the keyboard path. */
const THIRD = PIN_SCALE / 3;
const CENTRES = [Math.round(THIRD / 2), PIN_SCALE / 2, Math.round(PIN_SCALE - THIRD / 2)] as const;
const ROWS = ["top", "", "bottom"] as const;
const COLUMNS = ["left", "", "right"] as const;

export interface Region {
  label: string;
  x: number;
  y: number;
}

const regionLabel = (row: number, column: number) => [ROWS[row], COLUMNS[column]].filter(Boolean).join(" ") || "centre";

export const REGIONS: readonly Region[] = [0, 1, 2].flatMap((row) =>
  [0, 1, 2].map((column) => ({ label: regionLabel(row, column), x: CENTRES[column], y: CENTRES[row] })),
);

const band = (v: number) => Math.min(2, Math.floor(v / THIRD));

/** The region a point is in, in words ("top right", "centre"); the edges between two belong to the later one. */
export function regionOf(x: number, y: number): string {
  return regionLabel(band(y), band(x));
}

/** How a marker and its list entry read out: "Pin 2, top right of photo.png". */
export function pinName(number: number, pin: { x: number; y: number }, fileName: string): string {
  return `Pin ${number}, ${regionOf(pin.x, pin.y)} of ${fileName}`;
}

/** The form's one pin field: "<file id>:<x>:<y>", or "" for no pin; both the click and the list post it. */
export const encodePin = (pin: Pin): string => `${pin.fileId}:${pin.x}:${pin.y}`;

export function decodePin(value: string): Pin | null {
  const [fileId, x, y, ...rest] = value.split(":");
  const unit = /^\d{1,5}$/;
  if (rest.length > 0 || !isId(fileId) || !unit.test(x ?? "") || !unit.test(y ?? "")) return null;
  return { fileId, x: Number(x), y: Number(y) };
}

/** Where a click at (offsetX, offsetY) of an image shown width × height lands, kept inside the image. */
export function pinAt(offsetX: number, offsetY: number, width: number, height: number): { x: number; y: number } {
  const scale = (v: number, size: number) =>
    size > 0 && Number.isFinite(v) ? Math.min(PIN_SCALE, Math.max(0, Math.round((v / size) * PIN_SCALE))) : PIN_SCALE / 2;
  return { x: scale(offsetX, width), y: scale(offsetY, height) };
}

/**
 * Why a pin cannot be stored on a version whose images are `imageIds` (its media files that are
 * images), as messages for the form's pin field; null when it can.
 */
export function pinProblem(pin: Pin, imageIds: readonly string[]): FieldMessages | null {
  const inside = (v: number) => Number.isInteger(v) && v >= 0 && v <= PIN_SCALE;
  if (!inside(pin.x) || !inside(pin.y)) return { pin: ["Put the pin inside the image, or choose a spot from the list."] };
  if (!imageIds.includes(pin.fileId)) return { pin: ["Pin the comment to an image of this version, or choose “No pin”."] };
  return null;
}

/**
 * Pin numbers, 1..n per version in the order the comments were written, over the comments THIS
 * reader can see (pass only those): a creator's pins count 1, 2, 3 even when the team's internal
 * pins sit between them, so the numbering gives nothing away.
 */
export function numberPins<C extends { id: string; pinFileId: string | null }>(visibleInOrder: readonly C[]): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const c of visibleInOrder) if (c.pinFileId !== null) numbers.set(c.id, numbers.size + 1);
  return numbers;
}

export interface PinView {
  number: number;
  fileId: string;
  fileName: string;
  x: number;
  y: number;
  region: string;
  /** "Pin 2, top right of photo.png" */
  name: string;
}

type PinnedRow = { id: string; pinFileId: string | null; pinX: number | null; pinY: number | null };

/** Each visible comment's pin as the page shows it (null when it has none); `fileName` names the version's media. */
export function pinViews<C extends PinnedRow>(visibleInOrder: readonly C[], fileName: (id: string) => string): Map<string, PinView> {
  const numbers = numberPins(visibleInOrder);
  const views = new Map<string, PinView>();
  for (const c of visibleInOrder) {
    const number = numbers.get(c.id);
    if (number === undefined || c.pinFileId === null || c.pinX === null || c.pinY === null) continue;
    const name = fileName(c.pinFileId);
    const at = { x: c.pinX, y: c.pinY };
    views.set(c.id, { number, fileId: c.pinFileId, fileName: name, ...at, region: regionOf(at.x, at.y), name: pinName(number, at, name) });
  }
  return views;
}
