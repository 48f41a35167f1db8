import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Alert, Button } from "~/components/ui";
import { digestSignOffSchema } from "~/modules/approvals/signoff-digest/schemas";
import type { ActionData } from "~/utils/action-data.server";
import { initialList, useActionForm } from "~/utils/conform";
import { CodeField } from "./decision-card";
import { DigestRowItem, SIGN_OFF_FORM_ID } from "./digest-rows";
import type { DigestPage } from "./types";

type Answer = ActionData<string, Record<string, string | string[]>> | undefined;

/**
 * The digest's list and its one "Sign off selected" form. The rows come first, each with its own
 * checkbox (joined to the form by its `form` attribute); the button sits under the list and stays
 * in reach at the bottom of a phone's screen while the list scrolls.
 */
export function DigestList({ page, answer }: { page: DigestPage; answer: Answer }) {
  const [form, fields] = useActionForm({ id: SIGN_OFF_FORM_ID, intent: "sign-off", schema: digestSignOffSchema, answer });
  const ticked = new Set(initialList(fields.pick));
  const selectable = page.rows.filter((r) => r.pick).length;
  const needsCode = page.code.required && !page.code.pending;
  const pickErrors = fields.pick.errors;
  return (
    <div className="space-y-4">
      <ul className="space-y-3" aria-label={`Sign-offs for ${page.brand.name}`}>
        {page.rows.map((row) => (
          <DigestRowItem key={row.id} row={row} ticked={row.pick ? ticked.has(row.pick) : false} />
        ))}
      </ul>
      {selectable > 0 ? (
        <Form
          method="post"
          {...getFormProps(form)}
          className="sticky bottom-0 z-10 -mx-4 space-y-3 border-t border-slate-200 bg-white px-4 py-3 shadow-[0_-4px_12px_rgba(15,23,42,0.06)] sm:static sm:mx-0 sm:rounded-xl sm:border sm:p-5 sm:shadow-sm"
        >
          {form.errors || pickErrors ? (
            <p role="alert" className="text-sm font-medium text-red-700">
              {[...(pickErrors ?? []), ...(form.errors ?? [])].filter((m, i, all) => all.indexOf(m) === i).join(" ")}
            </p>
          ) : null}
          {page.code.required && page.code.pending ? <CodeField errors={fields.code.errors} /> : null}
          <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:gap-4">
            <Button type="submit" disabled={needsCode} className="w-full sm:w-auto">
              Sign off selected
            </Button>
            <p className="text-xs leading-5 text-ink-muted sm:text-sm">
              Each ticked draft is signed off on the version shown. One that changed meanwhile is left as it is and says why.
            </p>
          </div>
          <input type="hidden" name="intent" value="sign-off" />
        </Form>
      ) : null}
    </div>
  );
}

/** The brand asks for a one-time code before a sign-off through a link counts: one code covers one "Sign off selected". */
export function DigestCodeStep({ page, answer }: { page: DigestPage; answer: Answer }) {
  const failed = answer && !answer.ok && answer.intent === "send-code" ? answer.formError : null;
  return (
    <Alert
      tone="neutral"
      title="A one-time code is needed"
      actions={
        <Form method="post">
          <input type="hidden" name="intent" value="send-code" />
          <Button type="submit" variant={page.code.pending ? "secondary" : "primary"} size="sm">
            {page.code.pending ? "Email me a new code" : "Email me a code"}
          </Button>
        </Form>
      }
    >
      {page.brand.name} asks for a code before a sign-off counts. We email it to {page.person.email}; enter it below, with your sign-off.
      {failed ? (
        <span role="alert" className="mt-2 block font-medium text-red-700">
          {failed}
        </span>
      ) : null}
    </Alert>
  );
}
