import { fillSteps, getPlatform, validateAssetId, type AssetIdContext, type AssetIdResult } from "./catalog";
import { accept, tidy } from "./catalog/asset-id-rules";
import { anchored, isCustomKey, stepsIn, type CustomDefinition } from "./custom-platforms";
import { identityForPlatform, type IdentityField, type StoredIdentities } from "./identities";
import { asLocale, INTL_LOCALE } from "~/modules/i18n/locales";
import { tFor } from "~/modules/i18n/resources";
import { platformTextIn } from "./localized";

/**
 * What a step's platform says, whoever reads it (decision 061): the client page, a forwarded step,
 * the agency's link page and the ledger all ask here, so they agree. A built-in key reads the
 * catalog; a `custom:` key reads the version the step was sent with, never the platform's current
 * one, so editing a platform never changes a sent link.
 */

/** The definitions a set of steps was pinned to, by custom_platform_versions.id. */
export type PinnedVersions = ReadonlyMap<string, { version: number; definition: CustomDefinition }>;

/** The agency's identity the client adds on this step, or why the workspace has none yet. */
export type StepIdentity = { ok: true; value: string; label: string; field?: IdentityField } | { ok: false; message: string };

export interface StepPlatform {
  key: string;
  name: string;
  custom: boolean;
  /** The custom version the step was sent with; null for the catalog's platforms. */
  version: number | null;
  grantMethod: string;
  roles: readonly string[];
  notes: readonly string[];
  lastChecked: string | null;
  /** Shown above the steps when they are not in the client's language. */
  languageNotice: string | null;
  /** The language the steps are written in (a custom platform falls back to its admin's): quotes in a step follow it. */
  stepsLocale: string;
  instructions: (values: { agencyId: string; role: string }) => string[];
  identity: (identities: StoredIdentities) => StepIdentity;
  assetId: { label: string; help: string; placeholder: string; example: string };
  validate: (raw: string, context?: AssetIdContext) => AssetIdResult;
}

export interface StepRef {
  platformKey: string;
  customPlatformVersionId?: string | null;
}

/** The one resolver; null for a key that is not (or no longer) a platform, or a version not loaded. */
export function resolveStepPlatform(step: StepRef, pinned: PinnedVersions = new Map(), locale = "en"): StepPlatform | null {
  if (isCustomKey(step.platformKey)) {
    const found = step.customPlatformVersionId ? pinned.get(step.customPlatformVersionId) : undefined;
    return found ? customPlatform(step.platformKey, found.version, found.definition, locale) : null;
  }
  const entry = getPlatform(step.platformKey);
  if (!entry) return null;
  // The catalog's words in the reader's language (decision 060); English straight from the entry.
  const text = platformTextIn(entry, asLocale(locale));
  return {
    key: entry.key,
    name: text.name,
    custom: false,
    version: null,
    grantMethod: entry.grantMethod,
    roles: entry.roles,
    notes: text.notes,
    lastChecked: entry.lastChecked,
    languageNotice: null,
    stepsLocale: asLocale(locale),
    instructions: (values) => fillSteps(text.steps, values),
    identity: (identities) => identityForPlatform(entry.key, identities),
    assetId: {
      label: text.asset.label,
      help: text.asset.help,
      placeholder: text.asset.placeholder,
      example: entry.assetId.example,
    },
    validate: (raw, context) => validateAssetId(entry.key, raw, context),
  };
}

/** A custom platform's refusal: the admin's own message, in the admin's words (refusalIn passes it through). */
const refuse = (message: string): AssetIdResult => ({ ok: false, code: "custom", vars: {}, message });

/** A custom platform's version as a step platform: its own steps, identity, roles and ID rule. */
export function customPlatform(key: string, version: number, def: CustomDefinition, locale = "en"): StepPlatform {
  const { steps, fallbackFrom } = stepsIn(def, locale);
  const client = asLocale(locale);
  const t = tFor(client, "client");
  // The notice names the admin's language in the client's ("Estos pasos están en inglés...").
  const language = fallbackFrom
    ? (new Intl.DisplayNames([INTL_LOCALE[client]], { type: "language" }).of(fallbackFrom) ?? fallbackFrom)
    : null;
  const notice = language ? t("step.fallbackNotice", { language }) : null;
  const field = def.idField;
  return {
    key,
    name: def.name,
    custom: true,
    version,
    grantMethod: "custom",
    roles: def.roles,
    notes: [],
    lastChecked: null,
    languageNotice: notice,
    stepsLocale: notice ? def.adminLanguage : locale,
    instructions: ({ agencyId, role }) => steps.map((s) => s.replaceAll("{agencyId}", agencyId).replaceAll("{role}", role)),
    identity: () => ({ ok: true, value: def.identity, label: t("step.ourAccount", { platform: def.name }) }),
    assetId: {
      label: field.label,
      help: t("step.forExample", { example: field.example }),
      placeholder: field.example,
      example: field.example,
    },
    validate(raw) {
      const value = tidy(raw);
      if (!value) return refuse(`Enter the ${field.label}. ${field.wrongValueMessage}`);
      return anchored(field.pattern).test(value) ? accept(value) : refuse(field.wrongValueMessage);
    },
  };
}

/** A step's platform name for lists and emails; the key when the platform is gone. */
export function stepPlatformName(step: StepRef, pinned: PinnedVersions = new Map(), locale = "en"): string {
  return resolveStepPlatform(step, pinned, locale)?.name ?? step.platformKey;
}
