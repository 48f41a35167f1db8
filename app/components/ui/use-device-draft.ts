import { useCallback, useEffect, useRef, useState } from "react";

/** Quiet after the last keystroke before the draft is written. */
const WRITE_DELAY_MS = 300;
const PREFIX = "baton:draft:";

export type DeviceDraftState = "empty" | "kept" | "restored";

/**
 * Keeps what a person is typing in a free-text box on this device until it is sent, so a closed tab,
 * a crash or a reload loses nothing (the comment box of a deliverable: one sentence is not worth a
 * server draft, a lost paragraph of review notes is worth this). The box stays uncontrolled: the
 * hook reads and fills the element by id, and `clear()` forgets the draft once it was posted.
 * Where storage is refused (private mode, quota) it quietly does nothing.
 */
export function useDeviceDraft(key: string, elementId: string) {
  const [state, setState] = useState<DeviceDraftState>("empty");
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const storageKey = PREFIX + key;

  useEffect(() => {
    const el = document.getElementById(elementId) as HTMLTextAreaElement | HTMLInputElement | null;
    const saved = read(storageKey);
    if (el && saved && el.value.trim() === "") {
      el.value = saved;
      setState("restored");
    } else {
      setState(saved ? "kept" : "empty");
    }
    return () => clearTimeout(timer.current);
  }, [storageKey, elementId]);

  const onInput = useCallback(
    (event: { currentTarget: { value: string } }) => {
      const value = event.currentTarget.value;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        if (value.trim() === "") remove(storageKey);
        else write(storageKey, value);
        setState(value.trim() === "" ? "empty" : "kept");
      }, WRITE_DELAY_MS);
    },
    [storageKey],
  );

  const clear = useCallback(() => {
    clearTimeout(timer.current);
    remove(storageKey);
    setState("empty");
  }, [storageKey]);

  return { state, onInput, clear };
}

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string) {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Storage refused: the box still works, only the safety net is gone.
  }
}

function remove(key: string) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // As above.
  }
}
