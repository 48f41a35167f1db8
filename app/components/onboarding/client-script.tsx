import { useId } from "react";
import { CopyIcon } from "~/components/icons";
import { buttonClasses, cx } from "~/components/ui";
import { useTranslation } from "react-i18next";
import type { ClientScriptMessages } from "./client-script-messages";
import { clientScriptSource } from "./client-script.server";

/**
 * Inlines the client onboarding script (client-script.entry.ts, built by `npm run build`) with the
 * CSP nonce: the only script the token pages run. Its words travel beside it in `data-messages`.
 */
export function ClientScript({ nonce, messages }: { nonce: string; messages: ClientScriptMessages }) {
  const source = clientScriptSource();
  if (!source) return null;
  return <script nonce={nonce || undefined} data-messages={JSON.stringify(messages)} dangerouslySetInnerHTML={{ __html: source }} />;
}

/** A read-only value with a Copy button (the script does the copying; without it, select and copy). */
export function CopyField({ value, label }: { value: string; label: string }) {
  const id = `copy-${useId().replace(/:/g, "")}`;
  const { t } = useTranslation("client");
  return (
    <div>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-ink">
        {label}
      </label>
      <div className="flex min-w-0 gap-2">
        <input
          id={id}
          type="text"
          readOnly
          value={value}
          className="block h-11 min-w-0 flex-1 rounded-lg border-0 bg-white px-3 font-mono text-sm text-ink ring-1 ring-inset ring-slate-300 focus:outline-none focus:ring-2 focus:ring-inset focus:ring-accent"
        />
        <button type="button" data-copy={id} className={cx(buttonClasses("secondary", "md"), "h-11 shrink-0")}>
          <CopyIcon />
          <span data-copy-label>{t("script.copy")}</span>
          <span className="sr-only"> {label}</span>
        </button>
      </div>
      <p id={`${id}-status`} role="status" aria-live="polite" className="mt-1 min-h-[1.25rem] text-xs text-ink-muted" />
    </div>
  );
}

/** Where the script writes a field's message as it saves (screen readers hear it). */
export function LiveError({ field, id, messages }: { field: string; id?: string; messages?: string[] | null }) {
  const text = messages?.join(" ") ?? "";
  return (
    <p id={id} data-live-for={field} hidden={!text} aria-live="polite" className="mt-1.5 text-sm font-medium text-red-700">
      {text}
    </p>
  );
}

export function SaveStatus() {
  return <p data-save-status role="status" aria-live="polite" className="min-h-[1.25rem] text-xs text-ink-muted" />;
}
