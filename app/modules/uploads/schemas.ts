import { z } from "zod";

/** What an upload is for; stored with the file (files.purpose). */
export const UPLOAD_PURPOSES = ["brand_kit", "draft_media", "logo", "other"] as const;

/** The uploads endpoint's one text field (the files are checked by content, not by a schema). */
export const uploadPurposeSchema = z.object({
  purpose: z.enum(UPLOAD_PURPOSES, {
    errorMap: () => ({ message: "Say what the files are for: brand_kit, draft_media, logo or other." }),
  }),
});
