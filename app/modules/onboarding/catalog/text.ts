import { listPlatforms } from "./index";
import type { PlatformEntry } from "./types";

/**
 * Everything of a platform that a client reads, as one translatable record. English lives in the
 * catalog entries (beside `lastChecked`, so re-checking a platform edits one place); the other
 * languages are `app/locales/<lng>/catalog.json`, keyed by platform, checked against this shape by
 * test/unit/i18n/key-coverage.test.ts.
 */
export interface PlatformText {
  name: string;
  steps: string[];
  notes: string[];
  asset: { label: string; help: string; placeholder: string };
  errors: Record<string, string>;
}

export function platformText(entry: PlatformEntry): PlatformText {
  return {
    name: entry.name,
    steps: [...entry.steps],
    notes: [...entry.notes],
    asset: { label: entry.assetId.label, help: entry.assetId.help, placeholder: entry.assetId.placeholder },
    errors: { ...entry.assetId.errors },
  };
}

/** The English catalog namespace, built from the entries themselves. */
export function englishCatalogText(): Record<string, PlatformText> {
  return Object.fromEntries(listPlatforms().map((entry) => [entry.key, platformText(entry)]));
}
