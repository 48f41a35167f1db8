import type { ReactNode } from "react";
import { AlertCircleIcon, AlertTriangleIcon, CheckCircleIcon, InfoIcon } from "../icons";
import type { Tone } from "./badge";
import { cx } from "./cx";

export type AlertTone = Exclude<Tone, "accent">;

const tones: Record<AlertTone, { box: string; icon: string; Icon: typeof InfoIcon }> = {
  neutral: { box: "bg-slate-50 text-ink-soft ring-slate-200", icon: "text-ink-muted", Icon: InfoIcon },
  info: { box: "bg-sky-50 text-sky-900 ring-sky-200", icon: "text-sky-600", Icon: InfoIcon },
  success: { box: "bg-emerald-50 text-emerald-900 ring-emerald-200", icon: "text-emerald-600", Icon: CheckCircleIcon },
  warning: { box: "bg-amber-50 text-amber-900 ring-amber-200", icon: "text-amber-600", Icon: AlertTriangleIcon },
  danger: { box: "bg-red-50 text-red-900 ring-red-200", icon: "text-red-600", Icon: AlertCircleIcon },
};

export type AlertProps = {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  /** Extra content at the right/bottom, e.g. a button. */
  actions?: ReactNode;
  /** ARIA role; pass "alert" or "status" only for messages that appear after an action. */
  role?: "alert" | "status";
  className?: string;
};

export function Alert({ tone = "info", title, children, actions, role, className }: AlertProps) {
  const { box, icon, Icon } = tones[tone];
  return (
    <div role={role} className={cx("flex gap-3 rounded-lg p-4 text-sm ring-1 ring-inset", box, className)}>
      <Icon size={20} className={cx("shrink-0", icon)} />
      <div className="min-w-0 flex-1 sm:flex sm:items-start sm:justify-between sm:gap-4">
        <div className="min-w-0">
          {title ? <p className="font-semibold">{title}</p> : null}
          {children ? <div className={cx(title ? "mt-1" : undefined, "[&_a]:font-medium [&_a]:underline")}>{children}</div> : null}
        </div>
        {actions ? <div className="mt-3 flex shrink-0 flex-wrap gap-2 sm:mt-0">{actions}</div> : null}
      </div>
    </div>
  );
}
