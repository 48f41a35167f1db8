import type { SubmissionResult } from "@conform-to/react";
import type { ActionData } from "./action-data.server";

/**
 * The one action-data shape (decision 051) as conform's `lastResult`, for the form `intent` names:
 * field messages next to their fields, the form message as the form's error, typed values put back
 * (so it also works when the page was rendered without JavaScript). Another form's answer is ignored.
 */
export function conformResult(
  data: Pick<ActionData, "ok" | "intent" | "errors" | "formError" | "values"> | null | undefined,
  intent: string,
): SubmissionResult<string[]> | undefined {
  if (!data || data.intent !== intent) return undefined;
  // Success: clears the messages and keeps what was chosen (the loader reads it back).
  if (data.ok) return { status: "success", error: {} };
  return {
    status: "error",
    initialValue: data.values,
    error: { ...data.errors, "": data.formError ? [data.formError] : null },
  };
}
