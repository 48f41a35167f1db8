import { useId } from "react";
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { AlertCircleIcon, ChevronDownIcon } from "../icons";
import { cx } from "./cx";

export type FieldErrors = string | string[] | null | undefined;

/** Props handed to a Field's render-prop child: spread them onto the control. */
export type FieldControlProps = {
  id: string;
  name: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
};

export type FieldProps = {
  label: ReactNode;
  name: string;
  /** Explicit id for the control; a stable generated one is used otherwise. */
  id?: string;
  error?: FieldErrors;
  hint?: ReactNode;
  /** Shows a visual "required" marker (set `required` on the control too). */
  required?: boolean;
  className?: string;
  children?: (props: FieldControlProps) => ReactNode;
};

export function toErrorList(error: FieldErrors): string[] {
  if (!error) return [];
  return (Array.isArray(error) ? error : [error]).filter((e) => e.trim() !== "");
}

export const controlClasses =
  "block w-full rounded-lg border-0 bg-white px-3 py-2 text-base text-ink shadow-sm ring-1 ring-inset ring-slate-300 " +
  "placeholder:text-slate-400 focus:outline-none focus:ring-2 focus:ring-inset focus:ring-accent " +
  "disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-ink-muted sm:text-sm " +
  "aria-[invalid=true]:ring-red-500 aria-[invalid=true]:focus:ring-red-600";

function useFieldIds(name: string, id?: string) {
  const reactId = useId();
  const controlId = id ?? `${name.replace(/[^\w-]/g, "-")}-${reactId.replace(/:/g, "")}`;
  return { controlId, hintId: `${controlId}-hint`, errorId: `${controlId}-error` };
}

function describedBy(...ids: Array<string | false>): string | undefined {
  const list = ids.filter(Boolean).join(" ");
  return list || undefined;
}

function FieldHint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="mt-1.5 text-sm text-ink-muted">
      {children}
    </p>
  );
}

function FieldErrorList({ id, errors }: { id: string; errors: string[] }) {
  return (
    <div id={id} className="mt-1.5 space-y-1">
      {errors.map((message, index) => (
        <p key={`${index}-${message}`} className="flex items-start gap-1.5 text-sm text-red-700">
          <AlertCircleIcon size={16} className="mt-0.5 shrink-0" />
          <span>{message}</span>
        </p>
      ))}
    </div>
  );
}

function RequiredMark() {
  return (
    <span className="ml-0.5 text-red-600" aria-hidden="true">
      *
    </span>
  );
}

/** Label + control + hint + errors, wired with aria-describedby / aria-invalid. */
export function Field({ label, name, id, error, hint, required, className, children }: FieldProps) {
  const { controlId, hintId, errorId } = useFieldIds(name, id);
  const errors = toErrorList(error);
  const control: FieldControlProps = {
    id: controlId,
    name,
    "aria-invalid": errors.length > 0 ? true : undefined,
    "aria-describedby": describedBy(errors.length > 0 && errorId, Boolean(hint) && hintId),
  };
  return (
    <div className={className}>
      <label htmlFor={controlId} className="block text-sm font-medium text-ink">
        {label}
        {required ? <RequiredMark /> : null}
      </label>
      <div className="mt-1.5">{children ? children(control) : <input type="text" className={controlClasses} {...control} />}</div>
      {hint ? <FieldHint id={hintId}>{hint}</FieldHint> : null}
      {errors.length > 0 ? <FieldErrorList id={errorId} errors={errors} /> : null}
    </div>
  );
}

type CommonFieldProps = {
  label: ReactNode;
  name: string;
  hint?: ReactNode;
  errors?: FieldErrors;
  /** Alias of `errors`. */
  error?: FieldErrors;
  /** Class for the wrapper; use `inputClassName` for the control. */
  className?: string;
};

export type TextFieldProps = CommonFieldProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "className"> & { inputClassName?: string };

/** A field's props split in two: the wrapper's (label, hint, `errors` or its alias) and the control's (the rest, and `required`). */
function splitField<P extends CommonFieldProps & { id?: string; required?: boolean }>(props: P) {
  const { label, name, id, hint, errors, error, className, required, ...control } = props;
  return { field: { label, name, id, hint, error: errors ?? error, required, className }, control: { ...control, required } };
}

export function TextField({ inputClassName, type = "text", ...props }: TextFieldProps) {
  const { field, control: input } = splitField(props);
  return (
    <Field {...field}>{(control) => <input type={type} className={cx(controlClasses, inputClassName)} {...input} {...control} />}</Field>
  );
}

export type TextAreaFieldProps = CommonFieldProps &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "className"> & { inputClassName?: string };

export function TextAreaField({ inputClassName, rows = 4, ...props }: TextAreaFieldProps) {
  const { field, control: textarea } = splitField(props);
  return (
    <Field {...field}>
      {(control) => (
        <textarea rows={rows} className={cx(controlClasses, "min-h-[5rem] resize-y", inputClassName)} {...textarea} {...control} />
      )}
    </Field>
  );
}

export type SelectOption = { value: string; label: string; disabled?: boolean };

export type SelectFieldProps = CommonFieldProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "className" | "children"> & {
    options: SelectOption[];
    /** Adds a first, empty option with this text. */
    placeholder?: string;
    inputClassName?: string;
  };

export function SelectField({ inputClassName, options, placeholder, ...props }: SelectFieldProps) {
  const { field, control: select } = splitField(props);
  return (
    <Field {...field}>
      {(control) => (
        <div className="relative">
          <select className={cx(controlClasses, "appearance-none pr-10", inputClassName)} {...select} {...control}>
            {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
            {options.map((option) => (
              <option key={option.value} value={option.value} disabled={option.disabled}>
                {option.label}
              </option>
            ))}
          </select>
          <ChevronDownIcon size={16} className="pointer-events-none absolute right-3 top-1/2 -translate-y-1/2 text-ink-muted" />
        </div>
      )}
    </Field>
  );
}

export type CheckboxFieldProps = CommonFieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "className" | "type">;

/** Checkbox with its label on the right; hint and errors below the label. */
export function CheckboxField({ label, name, id, hint, errors, error, className, required, value = "on", ...input }: CheckboxFieldProps) {
  const { controlId, hintId, errorId } = useFieldIds(name, id);
  const errorList = toErrorList(errors ?? error);
  return (
    <div className={cx("flex items-start gap-3", className)}>
      <div className="flex h-6 items-center">
        <input
          type="checkbox"
          id={controlId}
          name={name}
          value={value}
          required={required}
          aria-invalid={errorList.length > 0 ? true : undefined}
          aria-describedby={describedBy(errorList.length > 0 && errorId, Boolean(hint) && hintId)}
          className="h-4 w-4 rounded border-slate-300 accent-accent focus:outline-none focus-visible:ring-2 focus-visible:ring-accent focus-visible:ring-offset-2"
          {...input}
        />
      </div>
      <div className="min-w-0 text-sm leading-6">
        <label htmlFor={controlId} className="font-medium text-ink">
          {label}
          {required ? <RequiredMark /> : null}
        </label>
        {hint ? (
          <p id={hintId} className="text-ink-muted">
            {hint}
          </p>
        ) : null}
        {errorList.length > 0 ? <FieldErrorList id={errorId} errors={errorList} /> : null}
      </div>
    </div>
  );
}

export type FormErrorProps = {
  /** Message(s) to show; renders nothing when empty. */
  errors?: FieldErrors;
  children?: ReactNode;
  id?: string;
  className?: string;
};

/** Form-level error summary, announced with role="alert". */
export function FormError({ errors, children, id, className }: FormErrorProps) {
  const list = toErrorList(errors);
  if (list.length === 0 && !children) return null;
  return (
    <div
      id={id}
      role="alert"
      className={cx("flex gap-3 rounded-lg bg-red-50 p-4 text-sm text-red-800 ring-1 ring-inset ring-red-200", className)}
    >
      <AlertCircleIcon size={20} className="shrink-0 text-red-600" />
      <div className="min-w-0 space-y-1">
        {list.map((message, index) => (
          <p key={`${index}-${message}`}>{message}</p>
        ))}
        {children}
      </div>
    </div>
  );
}
