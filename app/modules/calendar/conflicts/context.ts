import { CHANNEL_PLATFORMS } from "~/modules/channels/channels";
import {
  DEFAULT_EXCLUSIVITY_DAYS,
  DEFAULT_MIN_SPACING_MINUTES,
  type Blackout,
  type Brand,
  type Campaign,
  type Conflict,
  type ConflictInput,
  type Deliverable,
  type Platform,
  type RuleMetadata,
} from "./types";
import { sortByTime } from "./sort-and-group";
import { DAY_MS, MINUTE_MS } from "~/utils/time";

/** A deliverable with its publish time as a number and its brand's rules resolved once. */
export interface TimedDeliverable {
  d: Deliverable;
  at: number;
  brand: BrandRules;
  /** “Title”, built on first use: one deliverable can appear in many conflict messages. */
  quoted: string | null;
}

export function quotedTitle(t: TimedDeliverable): string {
  return (t.quoted ??= `“${t.d.title}”`);
}

export interface BrandRules {
  id: string;
  name: string;
  /** Trimmed, lower-cased: "Skincare" and "skincare " are the same competitors. */
  categoryKey: string | null;
  category: string | null;
  exclusivityMs: number;
  spacingMs(channel: string): number;
  /** Non-empty, de-duplicated blackouts sorted by start. */
  blackouts: readonly Blackout[];
}

/** Everything the rules share, computed once per run instead of once per rule. */
export interface RuleContext {
  now: number;
  /** Only campaigns with a valid, non-empty window. */
  campaigns: readonly Campaign[];
  /**
   * Cancelled deliverables will never go out, so no rule looks at them. Sorted by time; ties keep
   * input order, so rules put same-time pairs in id order themselves (see isBefore).
   */
  deliverables: readonly TimedDeliverable[];
  brand(id: string): BrandRules;
  creatorName(id: string): string | null;
  agencyName(id: string): string | null;
  platformFor(channel: string): Platform | null;
  isVerified(brandId: string, platform: Platform): boolean;
}

/** One conflict rule: metadata the UI can list, plus its detector. */
export interface ConflictRule {
  meta: RuleMetadata;
  detect(ctx: RuleContext): Conflict[];
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Earlier first, and by id at the same moment, so wording never depends on input order. */
export function isBefore(x: TimedDeliverable, y: TimedDeliverable): boolean {
  return x.at < y.at || (x.at === y.at && x.d.id < y.d.id);
}

function brandRules(brand: Brand): BrandRules {
  const spacing = brand.minSpacingMinutesByChannel ?? {};
  const categoryKey = brand.category?.trim().toLowerCase() || null;
  return {
    id: brand.id,
    name: brand.name,
    category: categoryKey === null ? null : (brand.category?.trim() ?? null),
    categoryKey,
    exclusivityMs: (brand.exclusivityDays ?? DEFAULT_EXCLUSIVITY_DAYS) * DAY_MS,
    spacingMs: (channel) => (spacing[channel] ?? DEFAULT_MIN_SPACING_MINUTES) * MINUTE_MS,
    blackouts: uniqueBlackouts(brand.blackouts ?? []),
  };
}

/** Identifies a blackout in conflict keys; without an id, its window is what identifies it. */
export function blackoutRefOf(blackout: Blackout): string {
  return blackout.id ?? `${blackout.startsAt.toISOString()}/${blackout.endsAt.toISOString()}`;
}

/** Non-empty, sorted by start, and one per ref, so a duplicated blackout cannot duplicate keys. */
function uniqueBlackouts(blackouts: readonly Blackout[]): Blackout[] {
  const byRef = new Map<string, Blackout>();
  for (const b of blackouts) {
    if (b.endsAt.getTime() > b.startsAt.getTime() && !byRef.has(blackoutRefOf(b))) byRef.set(blackoutRefOf(b), b);
  }
  return [...byRef.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

function namesById(entities: { id: string; name: string }[] | undefined): (id: string) => string | null {
  const names = new Map((entities ?? []).map((e) => [e.id, e.name]));
  return (id) => names.get(id) ?? null;
}

export function buildRuleContext(input: ConflictInput, now: Date): RuleContext {
  const brands = new Map(input.brands.map((b) => [b.id, brandRules(b)]));
  // A row pointing at a brand we were not given still gets checked, with default rules.
  const brand = (id: string): BrandRules => {
    let rules = brands.get(id);
    if (!rules) {
      rules = brandRules({ id, name: id, category: null });
      brands.set(id, rules);
    }
    return rules;
  };

  const timed: TimedDeliverable[] = [];
  for (const d of input.deliverables) {
    // An invalid date would poison every comparison in a sweep; such rows are skipped.
    const at = d.publishAt.getTime();
    if (d.status !== "cancelled" && Number.isFinite(at)) timed.push({ d, at, brand: brand(d.brandId), quoted: null });
  }
  const deliverables = sortByTime(timed, (t) => t.at);

  const channelPlatforms: Readonly<Record<string, Platform | null>> = input.access?.channelPlatforms ?? CHANNEL_PLATFORMS;
  const verified = new Map<string, Set<Platform>>();
  for (const { brandId, platform } of input.access?.verified ?? []) {
    const platforms = verified.get(brandId);
    if (platforms) platforms.add(platform);
    else verified.set(brandId, new Set([platform]));
  }

  return {
    now: now.getTime(),
    campaigns: input.campaigns.filter((c) => c.endsAt.getTime() > c.startsAt.getTime()),
    deliverables,
    brand,
    creatorName: namesById(input.creators),
    agencyName: namesById(input.agencies),
    // Unknown channels need nothing: we cannot ask a client for access to a platform we cannot name.
    platformFor: (channel) => (Object.hasOwn(channelPlatforms, channel) ? channelPlatforms[channel] : null),
    isVerified: (brandId, platform) => verified.get(brandId)?.has(platform) ?? false,
  };
}
