/**
 * Every word the onboarding script (client-script.entry.ts) shows. The server renders this table
 * into the page beside the script, so the script itself holds no text and a translation only has
 * to hand `ClientScript` another table with the same keys.
 */
export const clientScriptMessages = {
  saving: "Saving…",
  saved: "Saved.",
  savedExceptField: "Saved, except the field marked above.",
  notSavedYet: "Not saved yet: see the message above.",
  couldNotSave: "Could not save.",
  offline: "Could not save. Check your connection.",
  copy: "Copy",
  copied: "Copied",
  copiedToClipboard: "Copied to your clipboard.",
  copyByHand: "Press Ctrl+C (Cmd+C on a Mac) to copy the selected text.",
};

export type ClientScriptMessages = Record<keyof typeof clientScriptMessages, string>;
