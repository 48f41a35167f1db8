import { useTranslation } from "react-i18next";
import { Alert, ButtonLink, Card, CopyButton, PageHeader } from "~/components/ui";

export interface CreatedLinkView {
  linkId: string;
  url: string;
  emailed: boolean;
  /** The contact's email the link went to, if any. */
  to: string | null;
}

/**
 * The answer to "Create link": the link's URL, shown this once (Baton keeps only a fingerprint of
 * the token), so it is the action's answer and not a page that could be opened again.
 */
export function LinkCreated({ base, created }: { base: string; created: CreatedLinkView }) {
  const { t } = useTranslation("agency");
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader
        title={t("linkCreated.title")}
        breadcrumbs={[{ label: t("common.onboardingLinks"), to: base }]}
        description={created.emailed ? t("linkCreated.emailed", { to: created.to }) : t("linkCreated.copyIt")}
      />
      <Card>
        <div className="space-y-4">
          <CopyButton value={created.url} label={t("linkCreated.copyLabel")} showLabel />
          <Alert tone="info">{t("linkCreated.onlyOnce")}</Alert>
          <div className="flex flex-wrap gap-2">
            <ButtonLink to={`${base}/${created.linkId}`}>{t("linkCreated.open")}</ButtonLink>
            <ButtonLink to={`${base}/new`} variant="secondary">
              {t("linkCreated.another")}
            </ButtonLink>
          </div>
        </div>
      </Card>
    </div>
  );
}
