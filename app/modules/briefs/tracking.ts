import type { BriefDraft, UtmParameter } from "./core-sections";

/**
 * What a creator's draft must carry, read from the brief: the disclosure and the UTM parameters
 * its link must have. The approvals capability runs its ready-to-transfer checks against this,
 * so the brief stays the single place these conventions are written.
 */
export interface TrackingRequirements {
  disclosure: string | null;
  utm: UtmParameter[];
  namingRule?: string;
}

const clean = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

export function trackingRequirements(brief: BriefDraft): TrackingRequirements {
  const utm: UtmParameter[] = [];
  const seen = new Set<string>();
  for (const row of brief.tracking?.utm ?? []) {
    const param = clean(row.param);
    // Half-written rows of a draft brief are skipped: a check cannot enforce a nameless parameter.
    // Names compare without case, as the brief schema does: "UTM_source" repeats "utm_source".
    if (!param || seen.has(param.toLowerCase())) continue;
    seen.add(param.toLowerCase());
    const value = clean(row.value);
    utm.push(value === undefined ? { param } : { param, value });
  }
  const namingRule = clean(brief.tracking?.namingRule);
  return {
    disclosure: clean(brief.disclosure) ?? null,
    utm,
    ...(namingRule === undefined ? {} : { namingRule }),
  };
}
