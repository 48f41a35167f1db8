import { useEffect, useId, useRef, useState } from "react";
import { CheckIcon, CopyIcon } from "../icons";
import { buttonClasses } from "./button";
import { cx } from "./cx";

export type CopyButtonProps = {
  /** The text to copy (a link, a token…). */
  value: string;
  /** What is being copied, e.g. "Onboarding link"; names the input and the button. */
  label: string;
  /** Show `label` above the input (default: visually hidden). */
  showLabel?: boolean;
  className?: string;
};

type CopyState = "idle" | "copied" | "failed";

function legacyCopy(input: HTMLInputElement): boolean {
  input.focus();
  input.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  }
}

/**
 * Read-only input holding the value (selectable without JS) plus a Copy button that uses
 * navigator.clipboard once hydrated. Result is announced through a polite live region.
 */
export function CopyButton({ value, label, showLabel = false, className }: CopyButtonProps) {
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [state, setState] = useState<CopyState>("idle");

  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    let ok = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(value);
        ok = true;
      }
    } catch {
      ok = false;
    }
    if (!ok && inputRef.current) ok = legacyCopy(inputRef.current);
    if (!ok) inputRef.current?.select();
    setState(ok ? "copied" : "failed");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState("idle"), 2000);
  }

  return (
    <div className={className}>
      <label htmlFor={inputId} className={showLabel ? "mb-1.5 block text-sm font-medium text-ink" : "sr-only"}>
        {label}
      </label>
      <div className="flex min-w-0 gap-2">
        <input
          ref={inputRef}
          id={inputId}
          type="text"
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
          className="block h-10 min-w-0 flex-1 rounded-lg border-0 bg-slate-50 px-3 font-mono text-sm text-ink-soft ring-1 ring-inset ring-slate-300 focus:outline-none focus:ring-2 focus:ring-inset focus:ring-accent"
        />
        <button type="button" onClick={() => void copy()} className={cx(buttonClasses("secondary", "md"), "shrink-0")}>
          {state === "copied" ? <CheckIcon className="text-emerald-600" /> : <CopyIcon />}
          <span>{state === "copied" ? "Copied" : "Copy"}</span>
          <span className="sr-only"> {label}</span>
        </button>
      </div>
      <p aria-live="polite" role="status" className={state === "failed" ? "mt-1.5 text-sm text-ink-muted" : "sr-only"}>
        {state === "copied"
          ? `${label} copied to clipboard.`
          : state === "failed"
            ? "Couldn't copy automatically. The text is selected; press Ctrl+C (⌘C on Mac)."
            : ""}
      </p>
    </div>
  );
}
