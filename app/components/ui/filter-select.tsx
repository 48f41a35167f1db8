import { SelectField, type SelectOption } from "./field";

/**
 * One filter of a list page, read back from the query string: the empty choice (`any`, "All brands")
 * means no filter. A filter with fewer than `minOptions` choices narrows nothing, so it is left out.
 */
export function FilterSelect({
  label,
  name,
  value,
  any,
  options,
  minOptions = 0,
}: {
  label: string;
  name: string;
  value: string | null | undefined;
  any: string;
  options: SelectOption[];
  minOptions?: number;
}) {
  if (options.length < minOptions) return null;
  return <SelectField label={label} name={name} defaultValue={value ?? ""} placeholder={any} options={options} />;
}
