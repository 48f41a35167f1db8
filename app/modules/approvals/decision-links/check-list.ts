import { CHANNEL_LIMITS } from "~/modules/channels/channels";
import { formatCount } from "~/utils/numbers";
import { runTransferChecks, type TransferCheckCode, type TransferCheckInput } from "../transfer-checks";

/**
 * The ready-to-transfer checks as a reviewer reads them: every check that applies to this draft,
 * passed or not, in words. The checks themselves are `runTransferChecks` (it names failures only);
 * this lists what was checked, so "passed" is visible too. Pure.
 */
export interface CheckLine {
  key: "disclosure" | "link" | "length" | "title" | "media";
  label: string;
  ok: boolean;
  /** What is wrong, when it is (the check's own words). */
  problem: string | null;
}

const KEY_OF: Record<TransferCheckCode, CheckLine["key"]> = {
  disclosure_missing: "disclosure",
  link_missing: "link",
  link_invalid: "link",
  utm_missing: "link",
  utm_wrong_value: "link",
  copy_too_long: "length",
  title_missing: "title",
  title_too_long: "title",
  media_missing: "media",
};

export function transferCheckList(input: TransferCheckInput): CheckLine[] {
  const { failures } = runTransferChecks(input);
  const limits = CHANNEL_LIMITS[input.channel];
  const problemOf = (key: CheckLine["key"]) =>
    failures
      .filter((f) => KEY_OF[f.code] === key)
      .map((f) => f.message)
      .join(" ") || null;
  const line = (key: CheckLine["key"], label: string): CheckLine => ({ key, label, ok: problemOf(key) === null, problem: problemOf(key) });
  const lines: CheckLine[] = [];
  const disclosure = input.requirements.disclosure?.trim();
  if (disclosure) lines.push(line("disclosure", `Disclosure “${disclosure}” included`));
  const utm = input.requirements.requiredUtm.map((p) => p.name);
  if (utm.length > 0) lines.push(line("link", `Link carries ${utm.join(", ")}`));
  else if (input.link?.trim()) lines.push(line("link", "Link is a complete web address"));
  lines.push(line("length", `The ${limits.copyName} fits ${limits.label}'s ${formatCount(limits.copyMaxChars)} characters`));
  if (limits.titleRequired || limits.titleMaxChars !== null) lines.push(line("title", `Title fits ${limits.label}`));
  const media = Math.max(limits.minMediaFiles, input.requirements.requiredMediaCount ?? 0);
  if (media > 0) lines.push(line("media", `${media} media ${media === 1 ? "file" : "files"} attached`));
  return lines;
}
