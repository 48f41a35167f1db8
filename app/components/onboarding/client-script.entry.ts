/**
 * The only script a client's token page runs: /onboard/:token and /onboard/step/:token load no app
 * bundle (decision 010). `npm run build` bundles and minifies this file (scripts/build-client-script.ts)
 * and `ClientScript` inlines the result with the CSP nonce. Nothing in the app imports it.
 *
 * It adds copy buttons, "saves as you type" for forms marked `data-autosave`, and one "opened"
 * ping. Without it every form still works as a plain POST; this only saves sooner and says so.
 * While typing, only fields the person touched show a message: the server keeps what is valid so
 * far and demands required fields only when the step is finished (intake-draft.ts).
 *
 * It holds no words: they come from the page (`data-messages` on its own <script> element, see
 * client-script-messages.ts), so a translated page needs no other script.
 */
import type { ClientScriptMessages } from "./client-script-messages";

/** What the autosave route answers (client-actions.server.ts, as JSON). */
interface SaveAnswer {
  ok?: boolean;
  /** Part of the form was kept although some field is wrong. */
  saved?: boolean;
  formError?: string;
  errors?: Record<string, string[] | undefined>;
}

const AUTOSAVE_PAUSE_MS = 700;
const COPIED_LABEL_MS = 2000;

function start(root: Element, text: ClientScriptMessages) {
  const url = root.getAttribute("data-autosave-url");

  function post(body: URLSearchParams): Promise<SaveAnswer | null> {
    if (!url) return Promise.reject();
    return fetch(url, { method: "POST", body, credentials: "same-origin", headers: { Accept: "application/json" } }).then((r) =>
      r.json().catch((): SaveAnswer => ({ ok: false, formError: text.offline })),
    );
  }

  // Opening the page is recorded by a POST, never by the GET (decision 010).
  if (root.getAttribute("data-ping") === "1") post(new URLSearchParams({ intent: "opened" })).catch(() => {});

  document.addEventListener("click", (e) => {
    const button = e.target instanceof Element ? e.target.closest("[data-copy]") : null;
    if (!button) return;
    const id = button.getAttribute("data-copy") ?? "";
    const input = document.getElementById(id) as HTMLInputElement | null;
    if (!input) return;
    const status = document.getElementById(`${id}-status`);
    const label = button.querySelector("[data-copy-label]");
    const done = (ok: boolean) => {
      if (status) status.textContent = ok ? text.copiedToClipboard : text.copyByHand;
      if (label) {
        label.textContent = ok ? text.copied : text.copy;
        setTimeout(() => (label.textContent = text.copy), COPIED_LABEL_MS);
      }
    };
    // No async clipboard (plain http, older browsers) or it refused: select the text, try the old command.
    const selectAndCopy = () => {
      input.select();
      try {
        done(document.execCommand("copy"));
      } catch {
        done(false);
      }
    };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(input.value).then(() => done(true), selectAndCopy);
    else selectAndCopy();
  });

  function save(form: HTMLFormElement, touched: Set<string>) {
    const body = new URLSearchParams();
    // Autosave forms hold no file input (uploads have their own form), so every value is text.
    new FormData(form).forEach((value, name) => {
      if (typeof value === "string") body.append(name, value);
    });
    body.set("intent", form.getAttribute("data-autosave") ?? "");
    // Saving as you type never finishes the step: that is the submit button's job.
    body.delete("complete");
    const status = form.querySelector("[data-save-status]");
    if (status) status.textContent = text.saving;
    post(body)
      .then((reply) => {
        const answer = reply ?? {};
        const errors = answer.errors ?? {};
        const names = Object.keys(errors);
        const onTouched = names.filter((name) => touched.has(name));
        // A message for a field this form does not show can only be told as a whole.
        const elsewhere = names.filter((name) => !touched.has(name) && !form.elements.namedItem(name));
        form.querySelectorAll<HTMLElement>("[data-live-for]").forEach((el) => {
          const name = el.getAttribute("data-live-for") ?? "";
          // Fields not touched yet stay quiet: nobody should be told off for what they have not typed.
          if (!touched.has(name)) return;
          const message = errors[name]?.join(" ") ?? "";
          el.textContent = message;
          el.hidden = !message;
          const field = form.elements.namedItem(name);
          if (field instanceof Element) {
            if (message) field.setAttribute("aria-invalid", "true");
            else field.removeAttribute("aria-invalid");
          }
        });
        if (!status) return;
        if (answer.ok) status.textContent = text.saved;
        else if (elsewhere.length || !names.length) status.textContent = answer.formError || text.couldNotSave;
        else if (onTouched.length) status.textContent = answer.saved ? text.savedExceptField : text.notSavedYet;
        // Only untouched fields are missing: what was typed is kept, the rest waits for the submit.
        else status.textContent = text.saved;
      })
      .catch(() => {
        if (status) status.textContent = text.offline;
      });
  }

  document.querySelectorAll<HTMLFormElement>("form[data-autosave]").forEach((form) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const touched = new Set<string>();
    const touch = (e: Event) => {
      const name = (e.target as HTMLInputElement | null)?.name;
      if (name) touched.add(name);
    };
    form.addEventListener("input", (e) => {
      touch(e);
      clearTimeout(timer);
      timer = setTimeout(() => save(form, touched), AUTOSAVE_PAUSE_MS);
    });
    // Leaving a field saves at once; a checkbox already saves through its "input" event.
    form.addEventListener("change", (e) => {
      if ((e.target as HTMLInputElement | null)?.type === "checkbox") return;
      touch(e);
      clearTimeout(timer);
      save(form, touched);
    });
  });
}

const root = document.querySelector("[data-onboard]");
if (root) start(root, JSON.parse(document.currentScript?.dataset.messages ?? "{}") as ClientScriptMessages);
