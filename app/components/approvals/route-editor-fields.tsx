import { Badge, SelectField, TextAreaField } from "~/components/ui";

/** Someone the route editor offers: a member, a guest already on the route, or a brand lead invited who has not joined yet. */
export type PickablePerson = {
  /** The checkbox's value: a user id, or an open invitation's id for an invitee without a user row yet. */
  value: string;
  name: string;
  email: string;
  /** Posted under another field than the picker's (an invitee without a user row: `signoffInvitees`). */
  field?: string;
  tag?: "guest" | "invited";
};

function Errors({ errors }: { errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <div className="mt-2 space-y-1">
      {errors.map((e) => (
        <p key={e} className="text-sm text-red-700">
          {e}
        </p>
      ))}
    </div>
  );
}

/** Checkboxes of the people a stage may name; guests and invitees carry a badge saying what they are. */
export function PeoplePicker({
  name,
  people,
  chosen,
  legend,
  error,
  empty = "Nobody can be chosen yet. Invite them from Members first.",
}: {
  name: string;
  people: PickablePerson[];
  chosen: string[];
  legend: string;
  error?: string[];
  empty?: string;
}) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-ink">{legend}</legend>
      {people.length === 0 ? <p className="mt-1 text-sm text-ink-muted">{empty}</p> : null}
      <ul className="mt-2 grid gap-2 sm:grid-cols-2">
        {people.map((p) => (
          <li key={`${p.field ?? name}:${p.value}`}>
            <label className="flex items-start gap-2 rounded-lg p-2 text-sm ring-1 ring-inset ring-slate-200 hover:bg-slate-50">
              <input
                type="checkbox"
                name={p.field ?? name}
                value={p.value}
                defaultChecked={chosen.includes(p.value)}
                className="mt-0.5 h-4 w-4 rounded border-slate-300 text-accent focus:ring-accent"
              />
              <span className="min-w-0">
                <span className="flex flex-wrap items-center gap-1.5 font-medium text-ink">
                  <span className="min-w-0 break-words">{p.name}</span>
                  {p.tag === "guest" ? <Badge tone="info">guest</Badge> : null}
                  {p.tag === "invited" ? <Badge tone="warning">invited</Badge> : null}
                </span>
                {p.email !== p.name ? <span className="block truncate text-xs text-ink-muted">{p.email}</span> : null}
              </span>
            </label>
          </li>
        ))}
      </ul>
      <Errors errors={error} />
    </fieldset>
  );
}

export function RuleChoice({ name, value }: { name: string; value: string }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-ink">Rule</legend>
      <div className="mt-2 flex flex-wrap gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name={name}
            value="any"
            defaultChecked={value !== "all"}
            className="h-4 w-4 border-slate-300 text-accent focus:ring-accent"
          />{" "}
          Any one of them
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name={name}
            value="all"
            defaultChecked={value === "all"}
            className="h-4 w-4 border-slate-300 text-accent focus:ring-accent"
          />{" "}
          Everyone
        </label>
      </div>
    </fieldset>
  );
}

/** Guest approvers by email: people without an account, who decide from the personal link in their email. */
export function GuestEmails({ name, value, errors }: { name: string; value: string; errors?: string[] }) {
  return (
    <TextAreaField
      label="Guest approvers (no account needed)"
      name={name}
      rows={2}
      defaultValue={value}
      errors={errors}
      placeholder="legal@brand.example, regional.manager@brand.example"
      hint="Emails, separated by commas or new lines. Each guest gets a personal decision link by email; they see only the drafts they are asked to decide on."
    />
  );
}

/** The stage's backup: who hears when the stage sits without a decision, and may then decide it. */
export function BackupChoice({
  name,
  people,
  value,
  errors,
  hint,
}: {
  name: string;
  people: { id: string; name: string }[];
  value: string;
  errors?: string[];
  hint: string;
}) {
  return (
    <SelectField
      label="Backup approver (optional)"
      name={name}
      defaultValue={value}
      placeholder="No backup: the coordinator hears alone"
      options={people.map((p) => ({ value: p.id, label: p.name }))}
      errors={errors}
      hint={hint}
      className="max-w-md"
    />
  );
}
