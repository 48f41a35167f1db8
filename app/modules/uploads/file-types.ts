/** The allowlist, identified by content (magic bytes), never by the name or the browser's type. */
export interface FileKind {
  mime: string;
  ext: string;
  image: boolean;
  matches(head: Uint8Array): boolean;
}

const startsWith = (head: Uint8Array, bytes: number[], offset = 0) => bytes.every((b, i) => head[offset + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

export const FILE_KINDS: FileKind[] = [
  { mime: "image/png", ext: "png", image: true, matches: (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { mime: "image/jpeg", ext: "jpg", image: true, matches: (h) => startsWith(h, [0xff, 0xd8, 0xff]) },
  { mime: "image/gif", ext: "gif", image: true, matches: (h) => startsWith(h, ascii("GIF87a")) || startsWith(h, ascii("GIF89a")) },
  { mime: "image/webp", ext: "webp", image: true, matches: (h) => startsWith(h, ascii("RIFF")) && startsWith(h, ascii("WEBP"), 8) },
  { mime: "application/pdf", ext: "pdf", image: false, matches: (h) => startsWith(h, ascii("%PDF-")) },
  { mime: "video/mp4", ext: "mp4", image: false, matches: (h) => startsWith(h, ascii("ftyp"), 4) },
  { mime: "application/zip", ext: "zip", image: false, matches: (h) => startsWith(h, [0x50, 0x4b, 0x03, 0x04]) },
];

/** The kind of these bytes, or null: HTML, SVG, scripts and anything unknown are refused. */
export function detectFileKind(head: Uint8Array): FileKind | null {
  return FILE_KINDS.find((k) => k.matches(head)) ?? null;
}

/** The accepted kinds by the names people know them by (the same in every language). */
export const ACCEPTED_NAMES = ["PNG", "JPEG", "GIF", "WebP", "PDF", "MP4", "ZIP"] as const;
export const ACCEPTED_DESCRIPTION = "PNG, JPEG, GIF, WebP, PDF, MP4 or ZIP";
