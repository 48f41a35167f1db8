// Plain input and output shapes for conflict detection. Loaders map database rows onto these,
// so the rules stay pure and can be tested (and benchmarked) without a database.

import { AT_RISK_HOURS } from "~/modules/approvals/signoff-rule";

export type Severity = "warning" | "error";

export type ConflictCode = "CAMPAIGN_OVERLAP" | "POST_COLLISION" | "CREATOR_EXCLUSIVITY" | "BLACKOUT" | "SIGNOFF_RISK" | "ACCESS_MISSING";

export interface Campaign {
  id: string;
  brandId: string;
  agencyId: string;
  name: string;
  channels: string[];
  /** Half-open window [startsAt, endsAt): a campaign ending when another starts does not overlap it. */
  startsAt: Date;
  endsAt: Date;
  keyMessage?: string | null;
}

/** Known statuses plus whatever the approvals module adds later; only the closed ones matter here. */
export type DeliverableStatus = "published" | "cancelled" | (string & {});

export interface Deliverable {
  id: string;
  campaignId: string;
  brandId: string;
  creatorId: string | null;
  channel: string;
  title: string;
  publishAt: Date;
  signOffDeadline: Date;
  signedOff: boolean;
  status: DeliverableStatus;
}

export interface Blackout {
  /** Optional: when present it keeps conflict keys stable even if the blackout is moved. */
  id?: string;
  /** Half-open [startsAt, endsAt): a blackout ending at the publish minute does not cover it. */
  startsAt: Date;
  endsAt: Date;
  reason: string;
}

export interface Brand {
  id: string;
  name: string;
  /** Brands sharing a category compete for creator exclusivity; null opts out. */
  category: string | null;
  /** Missing channels fall back to DEFAULT_MIN_SPACING_MINUTES. */
  minSpacingMinutesByChannel?: Partial<Record<string, number>>;
  exclusivityDays?: number;
  blackouts?: Blackout[];
}

export interface NamedEntity {
  id: string;
  name: string;
}

/** A platform key as the onboarding catalog names it, e.g. "instagram" or "tiktok_ads". */
export type Platform = string;

export interface AccessNeed {
  /** (brand, platform) pairs whose access an agency member has verified. */
  verified: { brandId: string; platform: Platform }[];
  /** Channel → platform it needs; null means no platform access is needed. Defaults to CHANNEL_PLATFORMS (app/modules/channels). */
  channelPlatforms?: Readonly<Record<string, Platform | null>>;
}

export interface ConflictInput {
  brands: Brand[];
  campaigns: Campaign[];
  deliverables: Deliverable[];
  access?: AccessNeed;
  /** Names only make messages friendlier; detection works without them. */
  creators?: NamedEntity[];
  agencies?: NamedEntity[];
}

export const DEFAULT_MIN_SPACING_MINUTES = 240;
export const DEFAULT_EXCLUSIVITY_DAYS = 14;
/** SIGNOFF_RISK fires inside the same at-risk window the approval queue uses. */
export const SIGNOFF_WARNING_HOURS = AT_RISK_HOURS;

interface ConflictOf<C extends ConflictCode, D> {
  code: C;
  severity: Severity;
  /** Stable across runs while the same situation persists, so acknowledgements can refer to it. */
  key: string;
  brandId: string;
  /** Campaign or deliverable ids involved, earliest first. */
  objectIds: string[];
  startsAt: Date;
  message: string;
  details: D;
}

export interface CampaignSide {
  campaignId: string;
  name: string;
  agencyId: string;
  keyMessage: string | null;
}

export type CampaignOverlapConflict = ConflictOf<
  "CAMPAIGN_OVERLAP",
  { campaigns: [CampaignSide, CampaignSide]; sharedChannels: string[]; overlapStartsAt: Date; overlapEndsAt: Date }
>;
export type PostCollisionConflict = ConflictOf<"POST_COLLISION", { channel: string; gapMinutes: number; minSpacingMinutes: number }>;
export type CreatorExclusivityConflict = ConflictOf<
  "CREATOR_EXCLUSIVITY",
  { creatorId: string; category: string; brandIds: [string, string]; gapMinutes: number; exclusivityDays: number }
>;
export type BlackoutConflict = ConflictOf<"BLACKOUT", { subject: "campaign" | "deliverable"; blackout: Blackout }>;
export type SignoffRiskConflict = ConflictOf<
  "SIGNOFF_RISK",
  { overdue: boolean; signOffDeadline: Date; publishAt: Date; minutesUntilDeadline: number }
>;
export type AccessMissingConflict = ConflictOf<"ACCESS_MISSING", { channel: string; platform: Platform }>;

export type Conflict =
  | CampaignOverlapConflict
  | PostCollisionConflict
  | CreatorExclusivityConflict
  | BlackoutConflict
  | SignoffRiskConflict
  | AccessMissingConflict;

/** What the UI lists about each rule; severity is the starting one, escalatesTo the worst. */
export interface RuleMetadata {
  code: ConflictCode;
  severity: Severity;
  escalatesTo?: Severity;
  title: string;
  description: string;
}
