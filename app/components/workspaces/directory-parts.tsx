import { getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { z } from "zod";
import { PlusIcon } from "~/components/icons";
import { Alert, Button, ButtonLink, CardSection, FormError, TextField } from "~/components/ui";
import { IdempotencyKeyField } from "~/components/ui/idempotency-key-field";
import type { DirectoryKind } from "~/modules/workspaces/directory.server";
import type { ActionData } from "~/utils/action-data.server";
import { conformResult } from "~/utils/conform";
import { useHydrated } from "~/utils/use-hydrated";

/** The directory page's pieces shared by its Brands, Agencies and Creators cards. */

export const DEFAULT_BRAND_COLOR = "#0ea5e9";
const HEX = /^#[0-9a-fA-F]{6}$/;

type Answer = Pick<ActionData, "ok" | "intent" | "errors" | "formError" | "values" | "notice" | "at"> | undefined;

/** A field as the add forms' inputs read it: its name, the server's or browser's messages, and what was typed. */
export function fieldProps(field: FieldMetadata<unknown>) {
  return { name: field.name, errors: field.errors, defaultValue: typeof field.initialValue === "string" ? field.initialValue : undefined };
}

/** Hex text field with a colour picker that keeps both in sync (the picker appears once JS runs). */
export function ColorField({
  label,
  name,
  defaultValue,
  errors,
  hint,
}: {
  label: string;
  name: string;
  defaultValue: string;
  errors?: string[];
  hint?: ReactNode;
}) {
  const hydrated = useHydrated();
  const [value, setValue] = useState(defaultValue);
  const swatch = HEX.test(value.trim()) ? value.trim() : DEFAULT_BRAND_COLOR;
  return (
    <div className="grid grid-cols-[1fr_auto] items-start gap-2">
      <TextField
        label={label}
        name={name}
        value={value}
        onChange={(e) => setValue(e.currentTarget.value)}
        errors={errors}
        hint={hint}
        spellCheck={false}
        autoComplete="off"
      />
      <div className="mt-7">
        {hydrated ? (
          <input
            type="color"
            aria-label={`Pick ${label.toLowerCase()}`}
            value={swatch.toLowerCase()}
            onChange={(e) => setValue(e.currentTarget.value)}
            className="h-10 w-12 cursor-pointer rounded-lg border-0 bg-white p-1 ring-1 ring-inset ring-slate-300"
          />
        ) : (
          <span
            aria-hidden="true"
            className="block h-10 w-12 rounded-lg ring-1 ring-inset ring-slate-300"
            style={{ backgroundColor: swatch }}
          />
        )}
      </div>
    </div>
  );
}

export function DeleteLink({ base, kind, id, name }: { base: string; kind: DirectoryKind; id: string; name: string }) {
  return (
    <Link
      to={`${base}?delete=${kind}:${encodeURIComponent(id)}#confirm-${kind}`}
      preventScrollReset
      className="inline-flex h-8 items-center rounded-lg px-3 text-sm font-medium text-red-700 hover:bg-red-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-red-600"
    >
      Delete<span className="sr-only"> {name}</span>
    </Link>
  );
}

export interface DeleteConfirmation {
  kind: DirectoryKind;
  id: string;
  name: string;
  members: number;
  invitations: number;
}

/** Second step of a delete: what else goes with the entry, and the button that deletes it. */
export function ConfirmDelete({ confirm, kind, base }: { confirm: DeleteConfirmation | null; kind: DirectoryKind; base: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const busy = useNavigation().formData?.get("intent") === `delete-${kind}`;
  const show = confirm && confirm.kind === kind;
  useEffect(() => {
    if (show) ref.current?.focus();
  }, [show, confirm?.id]);
  if (!show) return null;
  const people: string[] = [];
  if (confirm.members > 0)
    people.push(
      `${confirm.members} ${confirm.members === 1 ? "member is" : "members are"} limited to this ${kind} and will lose access to the workspace`,
    );
  if (confirm.invitations > 0)
    people.push(`${confirm.invitations} pending ${confirm.invitations === 1 ? "invitation" : "invitations"} for it will be cancelled`);
  return (
    <div ref={ref} id={`confirm-${kind}`} tabIndex={-1} className="border-b border-slate-200 p-4 focus:outline-none sm:p-6">
      <Alert
        tone="danger"
        role="alert"
        title={`Delete ${confirm.name}?`}
        actions={
          <>
            <Form method="post" action={base} preventScrollReset>
              <input type="hidden" name="intent" value={`delete-${kind}`} />
              <input type="hidden" name="id" value={confirm.id} />
              <Button type="submit" variant="danger" size="sm" disabled={busy}>
                {busy ? "Deleting…" : `Delete ${kind}`}
              </Button>
            </Form>
            <ButtonLink to={base} variant="secondary" size="sm" preventScrollReset>
              Cancel
            </ButtonLink>
          </>
        }
      >
        {people.length > 0 ? `${people.join("; ")}. ` : ""}This can't be undone. The audit trail keeps a record of the deletion.
      </Alert>
    </div>
  );
}

interface AddFormProps<S extends z.AnyZodObject> {
  intent: string;
  schema: S;
  /** Where the form posts, with the card's anchor so the page comes back to it. */
  action: string;
  idempotencyKey: string;
  result: Answer;
  title: string;
  description: string;
  submitLabel: string;
  children: (fields: ReturnType<typeof useForm<z.input<S>>>[1]) => ReactNode;
}

/**
 * The "Add a …" section under a directory list: conform with the action's zod schema (checked in
 * the browser first, the server's answer shown the same way), still a plain form without JavaScript.
 * A new key per success empties the form for the next entry.
 */
export function AddForm<S extends z.AnyZodObject>(props: AddFormProps<S>) {
  const { result, intent } = props;
  return <AddFormBody key={result?.ok && result.intent === intent ? `${intent}-${result.at}` : intent} {...props} />;
}

function AddFormBody<S extends z.AnyZodObject>({
  intent,
  schema,
  action,
  idempotencyKey,
  result,
  title,
  description,
  submitLabel,
  children,
}: AddFormProps<S>) {
  const busy = useNavigation().formData?.get("intent") === intent;
  const [form, fields] = useForm<z.input<S>>({
    id: intent,
    lastResult: conformResult(result, intent),
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const added = result?.ok && result.intent === intent ? result.notice : null;
  return (
    <CardSection title={title} description={description} className="border-t bg-slate-50/60">
      <Form method="post" action={action} preventScrollReset className="space-y-5" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intent} />
        <IdempotencyKeyField value={idempotencyKey} />
        {added ? (
          <Alert tone="success" role="status">
            {added}
          </Alert>
        ) : null}
        <FormError>{form.errors?.join(" ") ?? null}</FormError>
        <div className="grid gap-5 sm:grid-cols-2">{children(fields)}</div>
        <div className="flex justify-end">
          <Button type="submit" variant="secondary" disabled={busy} className="w-full sm:w-auto">
            <PlusIcon />
            {busy ? "Adding…" : submitLabel}
          </Button>
        </div>
      </Form>
    </CardSection>
  );
}
