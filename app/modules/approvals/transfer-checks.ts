import { containsDisclosure } from "~/modules/briefs/publish-rules";
import { CHANNEL_LIMITS, characterCount, type Channel } from "~/modules/channels/channels";
import { formatCount } from "~/utils/numbers";

// The one disclosure matching rule lives with the brief (it also decides which disclosures a
// brief may require); re-exported for the checks' callers and tests.
export { containsDisclosure };

/**
 * Ready-to-transfer checks (PRODUCT.md §5): run on a draft version before it can be submitted.
 * Every check runs (no early exit) so the creator sees everything to fix at once, and every
 * failure says what to do, not just what is wrong.
 */

export interface RequiredUtmParameter {
  name: string;
  /** When set, the parameter must have exactly this value (UTM values are case-sensitive in analytics). */
  value?: string;
}

export interface TransferCheckInput {
  channel: Channel;
  copy: string;
  title?: string | null;
  link?: string | null;
  mediaCount: number;
  requirements: {
    /** From the brief, e.g. "#ad". Null when the brief requires none. */
    disclosure: string | null;
    requiredUtm: readonly RequiredUtmParameter[];
    /** From the brief; the channel's own minimum applies when higher. */
    requiredMediaCount?: number;
  };
}

export type TransferCheckCode =
  | "disclosure_missing"
  | "link_missing"
  | "link_invalid"
  | "utm_missing"
  | "utm_wrong_value"
  | "copy_too_long"
  | "title_missing"
  | "title_too_long"
  | "media_missing";

export interface TransferCheckFailure {
  code: TransferCheckCode;
  field: "copy" | "title" | "link" | "media";
  message: string;
}

export interface TransferCheckResult {
  ok: boolean;
  failures: TransferCheckFailure[];
}

const plural = (n: number, one: string) => `${formatCount(n)} ${one}${n === 1 ? "" : "s"}`;

function checkDisclosure(input: TransferCheckInput): TransferCheckFailure[] {
  const { disclosure } = input.requirements;
  if (!disclosure || !disclosure.trim()) return [];
  const text = [input.title ?? "", input.copy].join("\n");
  if (containsDisclosure(text, disclosure)) return [];
  const copyName = CHANNEL_LIMITS[input.channel].copyName;
  return [
    {
      code: "disclosure_missing",
      field: "copy",
      message: `Add "${disclosure.trim()}" to the ${copyName}: the brief requires this disclosure.`,
    },
  ];
}

/** Only http(s): URL also parses "javascript:…" or "mailto:…", which are no use as a post link. */
function parseWebLink(link: string): URL | null {
  try {
    const url = new URL(link);
    return url.protocol === "https:" || url.protocol === "http:" ? url : null;
  } catch {
    return null;
  }
}

function checkLink(input: TransferCheckInput): TransferCheckFailure[] {
  const { requiredUtm } = input.requirements;
  const link = input.link?.trim() ?? "";
  if (!link) {
    // No link is fine unless the campaign tracks clicks: then the tracking link is the point.
    if (requiredUtm.length === 0) return [];
    return [{ code: "link_missing", field: "link", message: "Add the campaign link: this campaign tracks clicks with UTM parameters." }];
  }
  const url = parseWebLink(link);
  if (!url) {
    const message = `"${link}" is not a complete web address. Paste the full link, starting with https://.`;
    return [{ code: "link_invalid", field: "link", message }];
  }
  return requiredUtm.flatMap((param): TransferCheckFailure[] => {
    const actual = url.searchParams.get(param.name);
    const example = `${param.name}=${param.value ?? "…"}`;
    if (actual === null || actual === "") {
      return [{ code: "utm_missing", field: "link", message: `The link has no ${param.name}. Add ${example} to it.` }];
    }
    if (param.value !== undefined && actual !== param.value) {
      return [
        {
          code: "utm_wrong_value",
          field: "link",
          message: `The link has ${param.name}=${actual}; this campaign uses ${param.name}=${param.value}.`,
        },
      ];
    }
    return [];
  });
}

function checkLengths(input: TransferCheckInput): TransferCheckFailure[] {
  const limits = CHANNEL_LIMITS[input.channel];
  const failures: TransferCheckFailure[] = [];
  const copyLength = characterCount(input.copy);
  if (copyLength > limits.copyMaxChars) {
    failures.push({
      code: "copy_too_long",
      field: "copy",
      message: `The ${limits.copyName} is ${plural(copyLength, "character")}; ${limits.label} allows ${plural(limits.copyMaxChars, "character")}. Cut ${plural(copyLength - limits.copyMaxChars, "character")}.`,
    });
  }
  const title = input.title?.trim() ?? "";
  if (limits.titleRequired && !title) {
    failures.push({ code: "title_missing", field: "title", message: `Add a title: ${limits.label} needs one.` });
  }
  const titleLength = characterCount(title);
  if (limits.titleMaxChars !== null && titleLength > limits.titleMaxChars) {
    failures.push({
      code: "title_too_long",
      field: "title",
      message: `The title is ${plural(titleLength, "character")}; ${limits.label} allows ${plural(limits.titleMaxChars, "character")}. Cut ${plural(titleLength - limits.titleMaxChars, "character")}.`,
    });
  }
  return failures;
}

function checkMedia(input: TransferCheckInput): TransferCheckFailure[] {
  const limits = CHANNEL_LIMITS[input.channel];
  const required = Math.max(limits.minMediaFiles, input.requirements.requiredMediaCount ?? 0);
  if (input.mediaCount >= required) return [];
  const has = input.mediaCount === 0 ? "has none" : `has ${input.mediaCount}`;
  const message = `This ${limits.label} post needs ${plural(required, "media file")} and ${has}. Attach ${required - input.mediaCount} more.`;
  return [{ code: "media_missing", field: "media", message }];
}

export function runTransferChecks(input: TransferCheckInput): TransferCheckResult {
  const failures = [...checkDisclosure(input), ...checkLink(input), ...checkLengths(input), ...checkMedia(input)];
  return { ok: failures.length === 0, failures };
}
