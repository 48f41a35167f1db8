import { CheckCircleIcon } from "~/components/icons";
import { cx } from "~/components/ui";

/** A section's place on the client's page: its number while there is something to do, a check once done. */
export function StepNumber({ number, done }: { number: number; done: boolean }) {
  return (
    <span
      className={cx(
        "mt-0.5 flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-sm font-semibold",
        done ? "bg-emerald-50 text-emerald-700" : "bg-accent text-[rgb(var(--accent-fg))]",
      )}
      aria-hidden="true"
    >
      {done ? <CheckCircleIcon size={16} /> : number}
    </span>
  );
}
