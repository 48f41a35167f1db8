import type { ActionFunctionArgs, UploadHandler } from "@remix-run/node";
import { json, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { ACCEPTED_DESCRIPTION, detectFileKind } from "~/modules/uploads/file-types";
import { uploadPurposeSchema } from "~/modules/uploads/schemas";
import { UploadRefused, acceptUpload } from "~/modules/uploads/uploads.server";
import { requireMember } from "~/modules/workspaces/authz.server";
import { failureData, STATUS_OF } from "~/utils/action-data.server";
import { env } from "~/utils/env.server";
import { parseWith } from "~/utils/http.server";
import { invalid } from "~/utils/outcome";

/** At most this many files in one request. */
const MAX_FILES = 10;

type Refusal = { status?: 405 | 413; field?: "file" | "purpose"; headers?: HeadersInit };

/**
 * A refusal in the one action-data shape (decision 051), the message next to `field` too. 413 (too
 * large) and 405 (not a POST) have no problem kind, so this route says them itself; the rest is
 * `invalid`, 400. `error` repeats the message for the file picker and scripts that read it.
 */
function refuse(message: string, { status, field, headers }: Refusal = {}) {
  const { problem } = invalid(message, field ? { [field]: [message] } : undefined);
  return json({ ...failureData(problem), error: message }, { status: status ?? STATUS_OF[problem.kind], headers });
}

/** A service's refusal: 413 for a file too large, otherwise 400. */
function refused(error: UploadRefused) {
  return refuse(error.message, { status: error.tooLarge ? 413 : undefined, field: "file" });
}

/** Counts bytes across the whole body, so a chunked request without a length is bounded too. */
function boundedHandler(maxPartBytes: number, maxTotalBytes: number, maxMb: number): UploadHandler {
  const memory = unstable_createMemoryUploadHandler({ maxPartSize: maxPartBytes });
  let total = 0;
  let files = 0;
  return async (part) => {
    async function* counted() {
      for await (const chunk of part.data) {
        total += chunk.byteLength;
        if (total > maxTotalBytes) {
          throw new UploadRefused(
            `The upload is larger than ${Math.floor(maxTotalBytes / 1_000_000)} MB in total. Send fewer or smaller files.`,
            "too_large",
          );
        }
        yield chunk;
      }
    }
    const isFile = typeof part.filename === "string";
    const wanted = isFile ? part.name === "file" : part.name === "purpose";
    if (!wanted) {
      // Read and drop parts we do not use, still counted against the limit.
      for await (const chunk of counted()) void chunk;
      return undefined;
    }
    if (isFile && part.filename !== "" && ++files > MAX_FILES) throw new UploadRefused(`Upload at most ${MAX_FILES} files at a time.`);
    try {
      return await memory({ ...part, data: counted() });
    } catch (error) {
      if (error instanceof MaxPartSizeExceededError) {
        const name = (part.filename ?? part.name).slice(0, 80);
        throw new UploadRefused(`“${name}” is larger than ${maxMb} MB.`, "too_large");
      }
      throw error;
    }
  };
}

/** Only POST is meaningful here; a GET gets a clear 405 rather than Remix's "no loader" error. */
export function loader() {
  return refuse("Send files to this address with POST (multipart/form-data).", { status: 405, headers: { Allow: "POST" } });
}

/**
 * Multipart upload of one or more files (field "file") for a purpose. Every file is checked before
 * any is stored, so a refused upload leaves nothing behind. Answers
 * `{ files: [{ id, name, size, mime, url, previewUrl }] }`, or a refusal in the one shape (with `error`) and 400 or 413.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireMember(request, params.workspace);
  if (request.method !== "POST") return refuse("Send files with POST.", { status: 405 });
  const maxMb = env().MAX_UPLOAD_MB;
  const maxBytes = maxMb * 1_000_000;

  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, boundedHandler(maxBytes, maxBytes + 1_000_000, maxMb));
  } catch (error) {
    if (error instanceof UploadRefused) return refused(error);
    if (error instanceof MaxPartSizeExceededError) return refuse(`A file is larger than ${maxMb} MB.`, { status: 413, field: "file" });
    return refuse("Send the files as multipart/form-data in a field named “file”.");
  }

  const purpose = parseWith(uploadPurposeSchema, { purpose: form.get("purpose") ?? undefined });
  if (!purpose.success) return refuse(Object.values(purpose.errors).flat()[0] ?? "Say what the files are for.", { field: "purpose" });

  // A form submitted without choosing anything sends one empty, nameless part: not a file.
  const files = form.getAll("file").filter((f): f is File => typeof f !== "string" && !(f.name === "" && f.size === 0));
  if (files.length === 0) return refuse("Choose a file to upload.", { field: "file" });

  for (const file of files) {
    const label = `“${file.name.slice(0, 80) || "file"}”`;
    if (file.size === 0) return refuse(`${label} is empty.`, { field: "file" });
    if (file.size > maxBytes) return refuse(`${label} is larger than ${maxMb} MB.`, { status: 413, field: "file" });
    const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
    if (!detectFileKind(head))
      return refuse(`${label} is not an accepted file type. Accepted: ${ACCEPTED_DESCRIPTION}.`, { field: "file" });
  }

  const out = [];
  for (const file of files) {
    try {
      const row = await acceptUpload(file, { workspaceId: ctx.workspace.id, purpose: purpose.data.purpose, uploadedBy: ctx.user.id });
      const url = `/w/${ctx.workspace.slug}/files/${row.id}`;
      out.push({
        id: row.id,
        name: row.originalName,
        size: row.size,
        mime: row.mimeType,
        url,
        previewUrl: row.mimeType.startsWith("image/") ? `${url}?inline=1` : null,
      });
    } catch (error) {
      if (error instanceof UploadRefused) return refused(error);
      throw error;
    }
  }
  return json({ files: out });
}
