import { useTranslation } from "react-i18next";
import { CheckCircleIcon } from "~/components/icons";
import { cx } from "~/components/ui";
import type { ClientStepView } from "~/modules/onboarding/client.server";
import { isOpenForClient } from "~/modules/onboarding/link-model";

interface IntakeOverview {
  brandKit: { done: boolean } | null;
  contacts: { done: boolean } | null;
  questionnaire: { done: boolean } | null;
  agreement: { signedAt: string | null } | null;
}

/** The list of steps beside the page: where the client is, what is left, one click to each. */
export function StepOverview({ steps, intake }: { steps: ClientStepView[]; intake: IntakeOverview }) {
  const { t } = useTranslation("client");
  const items = [
    ...steps.map((s) => ({ href: `#step-${s.id}`, label: s.name, done: !isOpenForClient(s.status), fix: s.status === "rejected" })),
    ...(intake.brandKit ? [{ href: "#section-brand-kit", label: t("intake.brandKit.title"), done: intake.brandKit.done, fix: false }] : []),
    ...(intake.contacts ? [{ href: "#section-contacts", label: t("intake.contacts.title"), done: intake.contacts.done, fix: false }] : []),
    ...(intake.questionnaire
      ? [{ href: "#section-questionnaire", label: t("intake.questionnaire.title"), done: intake.questionnaire.done, fix: false }]
      : []),
    ...(intake.agreement
      ? [{ href: "#section-agreement", label: t("intake.agreement.title"), done: Boolean(intake.agreement.signedAt), fix: false }]
      : []),
  ];
  const firstOpen = items.findIndex((i) => !i.done);
  return (
    <nav aria-label={t("page.stepsNav")} className="mt-4">
      <ol className="space-y-1">
        {items.map((item, i) => (
          <li key={item.href}>
            <a
              href={item.href}
              aria-current={i === firstOpen ? "step" : undefined}
              className={cx(
                "flex items-center gap-2.5 rounded-lg px-2 py-1.5 text-sm hover:bg-slate-50",
                i === firstOpen
                  ? "bg-slate-50 font-semibold text-ink ring-1 ring-inset ring-slate-200"
                  : item.done
                    ? "text-ink-muted"
                    : "text-ink-soft",
              )}
            >
              {item.done ? (
                <CheckCircleIcon size={18} className="shrink-0 text-emerald-600" />
              ) : (
                <span
                  className={cx(
                    "flex h-[18px] w-[18px] shrink-0 items-center justify-center rounded-full text-[10px] font-bold ring-2 ring-inset",
                    item.fix ? "text-red-700 ring-red-500" : "text-accent ring-accent",
                  )}
                  aria-hidden="true"
                >
                  {i + 1}
                </span>
              )}
              <span className="min-w-0 flex-1 truncate">{item.label}</span>
              <span className="sr-only">{item.done ? t("overview.done") : item.fix ? t("overview.needsFix") : t("overview.todo")}</span>
              {item.fix ? (
                <span className="text-xs font-medium text-red-700" aria-hidden="true">
                  {t("overview.fix")}
                </span>
              ) : null}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
