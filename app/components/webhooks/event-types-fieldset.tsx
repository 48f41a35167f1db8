import { CheckboxField } from "~/components/ui";
import { WEBHOOK_EVENT_TYPES } from "~/modules/webhooks/events";

const GROUPS = WEBHOOK_EVENT_TYPES.reduce<Record<string, string[]>>((acc, t) => {
  const group = t.split(".")[0];
  (acc[group] ??= []).push(t);
  return acc;
}, {});

const GROUP_LABELS: Record<string, string> = {
  member: "Members",
  onboarding: "Onboarding",
  access: "Platform access",
  brief: "Briefs",
  draft: "Drafts",
  deliverable: "Deliverables",
  conflict: "Conflicts",
};

/**
 * The event types to subscribe to, grouped by capability; `checked` keeps a refused form's choice.
 * `errorId` is the form's id for the field's messages (conform's), so the group is described by them.
 */
export function EventTypesFieldset({
  eventErrors,
  errorId = "event-types-error",
  checked,
}: {
  eventErrors: string[];
  errorId?: string;
  checked: string[] | undefined;
}) {
  return (
    <fieldset aria-describedby={eventErrors.length > 0 ? `${errorId} event-types-hint` : "event-types-hint"}>
      <legend className="text-sm font-medium text-ink">
        Events to send
        <span className="ml-0.5 text-red-600" aria-hidden="true">
          *
        </span>
      </legend>
      <p id="event-types-hint" className="mt-1 text-sm text-ink-muted">
        Pick at least one. Only these events are sent to this endpoint.
      </p>
      <div className="mt-4 grid gap-x-6 gap-y-5 sm:grid-cols-2 lg:grid-cols-3">
        {Object.entries(GROUPS).map(([group, types]) => (
          <div key={group}>
            <p className="text-xs font-semibold uppercase tracking-wide text-ink-muted">{GROUP_LABELS[group] ?? group}</p>
            <div className="mt-2 space-y-1.5">
              {types.map((t) => (
                <CheckboxField
                  key={t}
                  label={<span className="font-mono text-xs font-normal sm:text-sm">{t}</span>}
                  name="eventTypes"
                  value={t}
                  defaultChecked={checked?.includes(t)}
                />
              ))}
            </div>
          </div>
        ))}
      </div>
      {eventErrors.length > 0 ? (
        <p id={errorId} className="mt-3 text-sm text-red-700">
          {eventErrors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
