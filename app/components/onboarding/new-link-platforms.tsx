import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { Card, CheckboxField, SelectField } from "~/components/ui";

export interface PlatformChoice {
  key: string;
  name: string;
  roles: string[];
  /** The role the chosen preset asks for; a preset's platforms start ticked. */
  presetRole: string | null;
  suggested: string;
  /** Why this platform cannot be asked for yet (the workspace has no identity for it), or null. */
  missing: string | null;
}

type Field = FieldMetadata<unknown>;

const asText = (value: unknown) => (typeof value === "string" ? value : undefined);

/**
 * The "Platforms" part of the new-link form: one `platform_<key>` checkbox and one `role_<key>`
 * select per platform (the action pairs them), each with its own messages next to it.
 */
export function NewLinkPlatforms({ platforms, field }: { platforms: PlatformChoice[]; field: (name: string) => Field }) {
  // Messages for the whole list ("Choose at least one platform or intake step.").
  const list = field("platforms");
  const { t } = useTranslation("agency");
  return (
    <Card title={t("newLink.platformsTitle")} description={t("newLink.platformsBody")}>
      {list.errors?.length ? (
        <p id={list.errorId} className="mb-3 text-sm text-red-700" role="alert">
          {list.errors.join(" ")}
        </p>
      ) : null}
      <ul className="divide-y divide-slate-100">
        {platforms.map((p) => {
          const box = field(`platform_${p.key}`);
          const role = field(`role_${p.key}`);
          return (
            <li key={p.key} className="grid gap-3 py-3 sm:grid-cols-[1fr_18rem] sm:items-center">
              <div>
                <CheckboxField
                  id={box.id}
                  label={p.name}
                  name={box.name}
                  defaultChecked={box.initialValue === "on"}
                  disabled={Boolean(p.missing)}
                  errors={box.errors}
                />
                {p.missing ? <p className="ml-7 mt-1 text-xs text-amber-700">{p.missing}</p> : null}
              </div>
              <SelectField
                id={role.id}
                label={t("newLink.roleOn", { platform: p.name })}
                name={role.name}
                defaultValue={asText(role.initialValue) ?? p.suggested}
                options={p.roles.map((r) => ({ value: r, label: r }))}
                disabled={Boolean(p.missing)}
                errors={role.errors}
              />
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
