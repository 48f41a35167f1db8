import { useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import type { EditorAnswer } from "~/modules/briefs/editor-form";

export type SaveState = "idle" | "dirty" | "saving" | "saved" | "error";

/** Quiet after the last keystroke before the brief is saved. */
const DEBOUNCE_MS = 600;

/**
 * Autosave for the brief editor: every change schedules a save of the whole form (intent "save")
 * through a fetcher, so whatever is valid so far is kept while the person types; closing the tab
 * or navigating away flushes what is not saved yet. The server saves every valid field and
 * answers the others as field messages (drafts.server.ts), so a half-filled form never loses
 * anything typed.
 */
export function useAutosave(formId: string) {
  const fetcher = useFetcher<EditorAnswer>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const dirty = useRef(false);
  const [state, setState] = useState<SaveState>("idle");

  const snapshot = useCallback(() => {
    const fd = new FormData((document.getElementById(formId) as HTMLFormElement | null) ?? undefined);
    fd.set("intent", "save");
    return fd;
  }, [formId]);

  /** Saves now what changed since the last save (nothing when nothing did). */
  const flush = useCallback(() => {
    clearTimeout(timer.current);
    if (!dirty.current) return;
    dirty.current = false;
    setState("saving");
    fetcher.submit(snapshot(), { method: "post" });
  }, [fetcher, snapshot]);

  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    if (dirty.current) return;
    setState(fetcher.data.ok ? "saved" : "error");
  }, [fetcher.state, fetcher.data]);

  // Closing the tab or navigating away flushes what is not saved yet.
  useEffect(() => {
    const beacon = () => {
      if (!dirty.current) return;
      dirty.current = false;
      navigator.sendBeacon(window.location.pathname, snapshot());
    };
    const onHide = () => document.visibilityState === "hidden" && beacon();
    window.addEventListener("pagehide", beacon);
    document.addEventListener("visibilitychange", onHide);
    return () => {
      window.removeEventListener("pagehide", beacon);
      document.removeEventListener("visibilitychange", onHide);
    };
  }, [snapshot]);

  const onChange = () => {
    dirty.current = true;
    setState("dirty");
    clearTimeout(timer.current);
    timer.current = setTimeout(flush, DEBOUNCE_MS);
  };

  /**
   * After the form's own submit handler ran: a submit that goes to the server carries every field,
   * so the pending autosave is dropped; one the browser's check stopped (or "Add a row") is not a
   * save, so what is pending is saved now instead of being lost.
   */
  const afterSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (event.defaultPrevented) {
      flush();
      return;
    }
    clearTimeout(timer.current);
    dirty.current = false;
  };

  return { answer: fetcher.data as EditorAnswer | undefined, state, onChange, afterSubmit };
}
