// Input schemas of the calendar's sharing and context actions (issue 21 part 3): share links,
// saved views, markers and overlays. Every field is a string from a form; zod turns it into what
// the services take, or into a message next to the field.

import { z } from "zod";
import { idField } from "~/utils/ids";
import { checkbox, text as textField, type TextOptions } from "~/utils/text-schema";
import { MARKER_KINDS } from "./markers";
import { SHARE_MAX_DAYS } from "./share-links";

const text = (label: string, options: Omit<TextOptions, "required" | "invalidType">) =>
  textField({ required: `${label} is required.`, invalidType: `${label} must be text.`, ...options });

const DAYS_MESSAGE = `Give whole days from 1 to ${SHARE_MAX_DAYS}, or leave it empty for 30.`;

export const createShareSchema = z.object({
  brandId: idField("Choose a brand."),
  label: text("Who it is for", {
    min: 2,
    tooShort: "Say who the link is for (at least 2 characters).",
    max: 120,
    tooLong: "Keep it under 120 characters.",
  }),
  days: text("The number of days", { max: 3, tooLong: DAYS_MESSAGE })
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return null;
      const n = Number(v);
      if (!/^\d{1,3}$/.test(v) || n < 1 || n > SHARE_MAX_DAYS) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: DAYS_MESSAGE });
        return z.NEVER;
      }
      return n;
    }),
});

export const revokeShareSchema = z.object({ linkId: idField("That is not a share link.") });

const viewName = text("A name", { min: 1, max: 80, tooLong: "Keep the name under 80 characters." });

/** The calendar's query string as the browser holds it ("?brand=…&status=…"); the service keeps only what a view is. */
const query = text("The view's filters", { trim: false, max: 1000, tooLong: "These filters are too long to save." });

export const saveViewSchema = z.object({ name: viewName, query: query.optional().transform((v) => v ?? ""), shared: checkbox });
export const renameViewSchema = z.object({ viewId: idField("That is not a saved view."), name: viewName, shared: checkbox });
export const deleteViewSchema = z.object({ viewId: idField("That is not a saved view.") });

const localDateTime = (label: string) => {
  const message = `Give ${label.toLowerCase()} as a date and time.`;
  return text(label, { trim: false, max: 19, tooLong: message }).pipe(
    z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, message),
  );
};

export const markerSchema = z.object({
  kind: z.enum(MARKER_KINDS, { errorMap: () => ({ message: "Choose launch, embargo or note." }) }),
  title: text("A title", {
    min: 2,
    tooShort: "Give a title (at least 2 characters).",
    max: 120,
    tooLong: "Keep the title under 120 characters.",
  }),
  note: text("The note", { max: 500, tooLong: "Keep the note under 500 characters." })
    .optional()
    .transform((v) => (v ? v : null)),
  /** Empty: the whole workspace. */
  brandId: z
    .union([z.literal(""), idField("Choose a brand from the list.")], { errorMap: () => ({ message: "Choose a brand from the list." }) })
    .optional()
    .transform((v) => (v ? v : null)),
  startsAt: localDateTime("The start"),
  endsAt: localDateTime("The end")
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

export const deleteMarkerSchema = z.object({ markerId: idField("That is not a marker.") });

export const overlayUrlSchema = z.object({
  name: text("A name", { min: 2, tooShort: "Give the overlay a name.", max: 80, tooLong: "Keep the name under 80 characters." }),
  url: text("The address", { max: 2000, tooLong: "That address is too long." }).pipe(
    z.string().url("Give the calendar's full address, starting with https://."),
  ),
});
/** A chosen file as a form part (Remix's upload handler and the browser each have their own File class). */
const chosenFile = z.custom<File>(
  (v) => typeof v === "object" && v !== null && typeof (v as Blob).text === "function" && (v as Blob).size > 0,
  "Choose an .ics file to upload.",
);
export const overlayFileSchema = z.object({
  name: overlayUrlSchema.shape.name,
  file: chosenFile,
});
export const overlayIdSchema = z.object({ overlayId: idField("That is not an overlay.") });
