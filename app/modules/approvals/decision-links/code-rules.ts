import { MINUTE_MS } from "~/utils/time";

/**
 * One-time codes for brands that require them (`brands.require_decision_code`, decision 052): a
 * decision through a link counts only with a code sent to the link's own address. Pure rules; the
 * codes live hashed in `decision_codes` (codes.server.ts).
 */
export const CODE_DIGITS = 6;
export const CODE_TTL_MINUTES = 10;
/** Tries per code: the sixth is refused even with the right code, so guessing 1 in 10^6 stays a guess. */
export const CODE_MAX_TRIES = 5;

export const codeExpiry = (now: Date): Date => new Date(now.getTime() + CODE_TTL_MINUTES * MINUTE_MS);

export type CodeRow = { expiresAt: Date; attempts: number; usedAt: Date | null };

/** Why the newest code of a link cannot be tried, or null when it can. */
export function codeProblem(code: CodeRow | null, now: Date): "none" | "used" | "expired" | "locked" | null {
  if (!code) return "none";
  if (code.usedAt) return "used";
  if (code.attempts >= CODE_MAX_TRIES) return "locked";
  if (code.expiresAt.getTime() <= now.getTime()) return "expired";
  return null;
}

/** What each problem tells the person; every one ends with what to do. */
export const CODE_PROBLEM_MESSAGES: Record<NonNullable<ReturnType<typeof codeProblem>>, string> = {
  none: `This brand asks for a one-time code before a decision counts. Choose "Email me a code" first.`,
  used: `That code was already used. Choose "Email me a code" for a new one.`,
  expired: `That code has expired (codes work for ${CODE_TTL_MINUTES} minutes). Choose "Email me a code" for a new one.`,
  locked: `Too many wrong tries for this code. Choose "Email me a code" for a new one.`,
};

/** "3 tries left" after a wrong code. */
export function wrongCodeMessage(attemptsUsed: number): string {
  const left = Math.max(0, CODE_MAX_TRIES - attemptsUsed);
  if (left === 0) return `That code is not right, and it was the last try. Choose "Email me a code" for a new one.`;
  return `That code is not right. ${left} ${left === 1 ? "try" : "tries"} left.`;
}
