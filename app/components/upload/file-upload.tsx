import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { ChangeEvent, ReactNode } from "react";
import { AlertCircleIcon, CheckCircleIcon, FileIcon, XIcon } from "~/components/icons";
import { Button, ProgressBar, cx, toErrorList, type FieldErrors } from "~/components/ui";

export type UploadPurpose = "brand_kit" | "draft_media" | "logo" | "other";

/** What the uploads route answers for each stored file. */
export interface UploadedFile {
  id: string;
  name: string;
  size: number;
  mime: string;
  url: string;
  previewUrl: string | null;
}

export type FileUploadProps = {
  /** The uploads URL, e.g. `/w/${slug}/uploads`. */
  action: string;
  purpose: UploadPurpose;
  /**
   * Form field name. Without JavaScript it is the file input's own name (the surrounding form must
   * be `encType="multipart/form-data"` and its action reads the files); with JavaScript the files
   * are uploaded at once and hidden inputs of this name carry the new file ids instead.
   */
  name: string;
  label: ReactNode;
  multiple?: boolean;
  /** The `accept` attribute, e.g. "image/png,image/jpeg". The server checks the content anyway. */
  accept?: string;
  hint?: ReactNode;
  /**
   * The server's size limit (MAX_UPLOAD_MB × 1,000,000), if the page knows it: a larger file is
   * refused at once instead of being sent. The server checks regardless.
   */
  maxBytes?: number;
  /** Field errors from the surrounding form's action. */
  errors?: FieldErrors;
  /** Called after each successful upload with the files it stored. */
  onUploaded?: (files: UploadedFile[]) => void;
  /** Told when uploads start and finish, e.g. to disable the form's submit button meanwhile. */
  onBusyChange?: (busy: boolean) => void;
  className?: string;
};

type Item = {
  key: string;
  name: string;
  size: number;
  status: "uploading" | "done" | "error";
  progress: number;
  error?: string;
  file?: UploadedFile;
};

export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(bytes < 10_000 ? 1 : 0)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function messageFor(xhr: XMLHttpRequest): string {
  if (xhr.responseURL && new URL(xhr.responseURL, window.location.href).pathname === "/login") {
    return "Your session has ended. Sign in again, then upload the file.";
  }
  try {
    // The uploads route answers in the one action-data shape (`formError`); `error` is its older name.
    const body = JSON.parse(xhr.responseText) as { formError?: unknown; error?: unknown };
    const message = body.formError ?? body.error;
    if (typeof message === "string" && message) return message;
  } catch {
    // Not JSON: fall through to a message by status.
  }
  if (xhr.status === 413) return "The file is too large.";
  if (xhr.status === 403) return "The upload was refused. Reload the page and try again.";
  if (xhr.status === 404) return "You can no longer upload files here.";
  return "The upload failed. Please try again.";
}

let counter = 0;

/**
 * A file picker that works as a plain `<input type="file">` without JavaScript and, once
 * hydrated, uploads each chosen file right away with a real progress bar, shows image previews
 * and the server's message when a file is refused.
 */
export function FileUpload({
  action,
  purpose,
  name,
  label,
  multiple = false,
  accept,
  hint,
  maxBytes,
  errors,
  onUploaded,
  onBusyChange,
  className,
}: FileUploadProps) {
  const inputId = useId();
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const [hydrated, setHydrated] = useState(false);
  const [items, setItems] = useState<Item[]>([]);
  const requests = useRef(new Map<string, XMLHttpRequest>());
  const onUploadedRef = useRef(onUploaded);
  const onBusyRef = useRef(onBusyChange);

  useEffect(() => {
    onUploadedRef.current = onUploaded;
    onBusyRef.current = onBusyChange;
  });

  useEffect(() => {
    setHydrated(true);
    const pending = requests.current;
    return () => {
      for (const xhr of pending.values()) xhr.abort();
      pending.clear();
    };
  }, []);

  const busy = items.some((i) => i.status === "uploading");
  useEffect(() => {
    onBusyRef.current?.(busy);
  }, [busy]);

  const update = useCallback((key: string, patch: Partial<Item>) => {
    setItems((list) => list.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  }, []);

  const start = useCallback(
    (file: File) => {
      const key = `upload-${++counter}`;
      if (maxBytes && file.size > maxBytes) {
        const limit = `${Math.floor(maxBytes / 1_000_000)} MB`;
        setItems((list) => [
          ...list,
          { key, name: file.name, size: file.size, status: "error", progress: 0, error: `“${file.name}” is larger than ${limit}.` },
        ]);
        return;
      }
      if (file.size === 0) {
        setItems((list) => [...list, { key, name: file.name, size: 0, status: "error", progress: 0, error: `“${file.name}” is empty.` }]);
        return;
      }
      setItems((list) => [...list, { key, name: file.name, size: file.size, status: "uploading", progress: 0 }]);
      const xhr = new XMLHttpRequest();
      requests.current.set(key, xhr);
      xhr.open("POST", action);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) update(key, { progress: (event.loaded / event.total) * 100 });
      };
      xhr.onload = () => {
        requests.current.delete(key);
        if (xhr.status >= 200 && xhr.status < 300) {
          try {
            const body = JSON.parse(xhr.responseText) as { files?: UploadedFile[] };
            const stored = body.files?.[0];
            if (stored) {
              update(key, { status: "done", progress: 100, file: stored });
              onUploadedRef.current?.(body.files ?? []);
              return;
            }
          } catch {
            // Answered with something other than the upload result (e.g. a sign-in page).
          }
        }
        update(key, { status: "error", error: messageFor(xhr) });
      };
      xhr.onerror = () => {
        requests.current.delete(key);
        update(key, { status: "error", error: "The connection was lost during the upload. Check your network and try again." });
      };
      const body = new FormData();
      body.append("purpose", purpose);
      body.append("file", file);
      xhr.send(body);
    },
    [action, purpose, maxBytes, update],
  );

  function remove(key: string) {
    requests.current.get(key)?.abort();
    requests.current.delete(key);
    setItems((list) => list.filter((i) => i.key !== key));
  }

  function onChange(event: ChangeEvent<HTMLInputElement>) {
    if (!hydrated) return;
    const chosen = Array.from(event.currentTarget.files ?? []);
    // The files travel by XHR; clearing the input lets the same file be picked again.
    event.currentTarget.value = "";
    if (chosen.length === 0) return;
    if (!multiple) {
      for (const xhr of requests.current.values()) xhr.abort();
      requests.current.clear();
      setItems([]);
    }
    for (const file of multiple ? chosen : chosen.slice(0, 1)) start(file);
  }

  const errorList = toErrorList(errors);
  const done = items.filter((i) => i.status === "done").length;
  const failed = items.filter((i) => i.status === "error").length;
  const uploading = items.length - done - failed;
  const describedBy = [errorList.length > 0 && errorId, hint && hintId].filter(Boolean).join(" ") || undefined;

  return (
    <div className={className}>
      <label htmlFor={inputId} className="block text-sm font-medium text-ink">
        {label}
      </label>
      <input
        id={inputId}
        type="file"
        // Before hydration this is a plain field of the surrounding form.
        name={hydrated ? undefined : name}
        multiple={multiple}
        accept={accept}
        onChange={onChange}
        aria-invalid={errorList.length > 0 ? true : undefined}
        aria-describedby={describedBy}
        className={cx(
          "mt-1.5 block w-full cursor-pointer overflow-hidden rounded-lg border border-slate-300 bg-white text-sm text-ink-soft focus:outline-none focus-visible:ring-2 focus-visible:ring-accent focus-visible:ring-offset-2",
          "file:mr-3 file:cursor-pointer file:border-0 file:border-r file:border-slate-300 file:bg-slate-50 file:px-4 file:py-2.5 file:text-sm file:font-medium file:text-ink hover:file:bg-slate-100",
          errorList.length > 0 && "border-red-500",
        )}
      />
      {hint ? (
        <p id={hintId} className="mt-1.5 text-sm text-ink-muted">
          {hint}
        </p>
      ) : null}
      {errorList.length > 0 ? (
        <div id={errorId} className="mt-1.5 space-y-1">
          {errorList.map((message) => (
            <p key={message} className="flex items-start gap-1.5 text-sm text-red-700">
              <AlertCircleIcon size={16} className="mt-0.5 shrink-0" />
              <span>{message}</span>
            </p>
          ))}
        </div>
      ) : null}

      {items.length > 0 ? (
        <ul className="mt-3 space-y-2" aria-label="Chosen files">
          {items.map((item) => (
            <li
              key={item.key}
              className={cx(
                "flex items-start gap-3 rounded-lg bg-white p-3 ring-1 ring-inset",
                item.status === "error" ? "ring-red-200" : "ring-slate-200",
              )}
            >
              <div className="flex h-12 w-12 shrink-0 items-center justify-center overflow-hidden rounded-md bg-slate-100 text-ink-muted">
                {item.file?.previewUrl ? (
                  <img src={item.file.previewUrl} alt="" className="h-full w-full object-cover" />
                ) : (
                  <FileIcon size={20} />
                )}
              </div>
              <div className="min-w-0 flex-1">
                <div className="flex items-baseline justify-between gap-2">
                  <p className="truncate text-sm font-medium text-ink" title={item.name}>
                    {item.file ? (
                      <a href={item.file.url} className="hover:underline">
                        {item.name}
                      </a>
                    ) : (
                      item.name
                    )}
                  </p>
                  <span className="shrink-0 text-xs tabular-nums text-ink-muted">{formatBytes(item.size)}</span>
                </div>
                {item.status === "uploading" ? (
                  <ProgressBar className="mt-2" value={item.progress} label={`Uploading ${item.name}`} showLabel={false} />
                ) : null}
                {item.status === "done" ? (
                  <p className="mt-1 flex items-center gap-1.5 text-xs text-emerald-700">
                    <CheckCircleIcon size={14} />
                    Uploaded
                  </p>
                ) : null}
                {item.status === "error" ? (
                  <p className="mt-1 flex items-start gap-1.5 text-sm text-red-700">
                    <AlertCircleIcon size={16} className="mt-0.5 shrink-0" />
                    <span>{item.error}</span>
                  </p>
                ) : null}
              </div>
              <Button type="button" variant="ghost" size="sm" className="shrink-0 px-2" onClick={() => remove(item.key)}>
                <XIcon />
                <span className="sr-only">
                  {item.status === "uploading" ? "Cancel upload of" : "Remove"} {item.name}
                </span>
              </Button>
              {item.status === "done" && item.file ? <input type="hidden" name={name} value={item.file.id} /> : null}
            </li>
          ))}
        </ul>
      ) : null}

      <p className="sr-only" role="status" aria-live="polite">
        {items.length === 0
          ? ""
          : [
              uploading > 0 && `Uploading ${uploading} file${uploading === 1 ? "" : "s"}.`,
              done > 0 && `${done} uploaded.`,
              failed > 0 && `${failed} failed.`,
            ]
              .filter(Boolean)
              .join(" ")}
      </p>
    </div>
  );
}
