import { and, eq } from "drizzle-orm";
import { files } from "@db/schema";
import { newId } from "@db/schema/columns";
import { sha256 } from "~/utils/crypto.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { DomainError } from "~/utils/outcome";
import { ACCEPTED_DESCRIPTION, FILE_KINDS, detectFileKind } from "./file-types";
import { storage } from "./storage.server";

/**
 * A file refused by its content or size: an `invalid` problem (decision 051). Too large has no kind
 * of its own; its code says so and the upload route answers it 413, the one status without a kind.
 */
export class UploadRefused extends DomainError {
  /**
   * `reason` is the stable code a page words in its own language (the client's page: client-refusals.ts,
   * with `vars` such as the file's name and the limit); `message` is the English sentence.
   */
  constructor(
    message: string,
    reason: "refused" | "file_empty" | "file_type" | "too_large" = "refused",
    vars: Record<string, string | number> = {},
  ) {
    super({ kind: "invalid", message, code: reason === "too_large" ? "file_too_large" : reason, vars });
    this.name = "UploadRefused";
  }

  get tooLarge(): boolean {
    return this.code === "file_too_large";
  }
}

export interface UploadContext {
  workspaceId: string;
  purpose: string;
  /** Who uploaded: a user id, or null for a client on an onboarding link. */
  uploadedBy: string | null;
}

/**
 * Checks a file by its content and size on the server, stores it under a random name and records
 * it. The scope (workspace, purpose) always comes from the caller's server-side context.
 */
export async function acceptUpload(file: File, ctx: UploadContext) {
  const maxBytes = env().MAX_UPLOAD_MB * 1_000_000;
  const name = file.name.slice(0, 80) || "file";
  const max = env().MAX_UPLOAD_MB;
  if (file.size === 0) throw new UploadRefused("The file is empty.", "file_empty", { name });
  if (file.size > maxBytes) throw new UploadRefused(`The file is larger than ${max} MB.`, "too_large", { name, max });
  const bytes = new Uint8Array(await file.arrayBuffer());
  // The size the browser declared can lie (a chunked body): what arrived decides.
  if (bytes.byteLength > maxBytes) throw new UploadRefused(`The file is larger than ${max} MB.`, "too_large", { name, max });
  const kind = detectFileKind(bytes.subarray(0, 16));
  if (!kind)
    throw new UploadRefused(`"${name}" is not an accepted file type. Accepted: ${ACCEPTED_DESCRIPTION}.`, "file_type", {
      name,
      types: ACCEPTED_DESCRIPTION,
    });
  const key = `${newId()}.${kind.ext}`;
  const storedKey = await storage().put(key, bytes, kind.mime);
  const [row] = await db()
    .insert(files)
    .values({
      workspaceId: ctx.workspaceId,
      storageKey: storedKey,
      driver: storage().name,
      originalName: file.name.replace(/[^\w.\- ]+/g, "_").slice(0, 120) || "file",
      mimeType: kind.mime,
      size: bytes.byteLength,
      // The evidence pack lists it: what was approved is these very bytes.
      sha256: sha256(bytes),
      purpose: ctx.purpose,
      uploadedBy: ctx.uploadedBy,
    })
    .returning();
  return row;
}

export async function findFile(workspaceId: string, fileId: string) {
  return db().query.files.findFirst({ where: and(eq(files.id, fileId), eq(files.workspaceId, workspaceId)) });
}

/**
 * Serves a stored file as a download with nosniff and a sandboxing CSP, so nothing a user uploads
 * can run on our origin. Images may be shown inline for previews: their type is verified by content.
 */
export async function fileResponse(row: typeof files.$inferSelect, inline: boolean): Promise<Response> {
  const bytes = await storage().get(row.storageKey);
  if (!bytes) return new Response("Not found", { status: 404 });
  // Only the raster types we verify by content; never SVG (image/svg+xml runs scripts) or any other image/*.
  const showInline = inline && FILE_KINDS.some((k) => k.image && k.mime === row.mimeType);
  const safeName = row.originalName.replace(/["\\\r\n]/g, "_");
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": row.mimeType,
      "Content-Disposition": `${showInline ? "inline" : "attachment"}; filename="${safeName}"`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, max-age=300",
    },
  });
}
