import { coreField, type BriefDraft, type CoreFieldKey, type Timeline } from "./core-sections";

/**
 * What a brief must get right, beyond being filled in, before it is published: a plan that can
 * happen (kickoff ≤ draft due < publish start ≤ publish end) and a disclosure that is one of the
 * workspace's accepted words. Checked when a brief is published, never on autosave (a half-typed
 * plan is saved and the problem shown next to its field), and never against versions already
 * published: those were valid when they went out and stay readable as they are.
 */

export interface PublishRules {
  /** The workspace's accepted disclosure words and phrases (workspaces.disclosure_words). */
  disclosureWords: readonly string[];
}

export interface BriefProblem {
  key: CoreFieldKey; // the field the message belongs next to
  label: string;
  message: string;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Whether `text` carries `phrase`, case-insensitively and as a whole word or phrase: "#AD" and
 * "(#ad)" count, "#adventure" and "bad#ad" do not; inner spaces match any whitespace, so
 * "Paid  partnership" still counts. The one matching rule for disclosures: the brief's publish
 * check and the approvals' ready-to-transfer check both use it.
 */
export function containsDisclosure(text: string, phrase: string): boolean {
  const words = phrase.trim().split(/\s+/).filter(Boolean).map(escapeRegExp);
  if (words.length === 0) return false;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${words.join("\\s+")}(?![\\p{L}\\p{N}_])`, "iu");
  return pattern.test(text);
}

/** The brief's disclosure looks like one: it contains one of the accepted words or phrases. */
export function isAcceptedDisclosure(disclosure: string, acceptedWords: readonly string[]): boolean {
  return acceptedWords.some((word) => containsDisclosure(disclosure, word));
}

const problem = (key: CoreFieldKey, message: string): BriefProblem => ({ key, label: coreField(key).label, message });

/** Order problems of the dates that are set (a missing date is the completeness meter's business). ISO dates compare as strings. */
export function timelineProblems(timeline: Partial<Timeline> | undefined): BriefProblem[] {
  const { kickoff, draftDue, publishStart, publishEnd } = timeline ?? {};
  const problems: BriefProblem[] = [];
  if (kickoff && draftDue && draftDue < kickoff) {
    problems.push(problem("timeline.draftDue", "The draft due date must be on or after the kickoff date."));
  }
  // Strictly before: drafts due the day publishing starts leave no time to review them.
  if (draftDue && publishStart && draftDue >= publishStart) {
    problems.push(problem("timeline.draftDue", "The draft must be due before the publish window starts, so there is time to review it."));
  }
  if (publishStart && publishEnd && publishEnd < publishStart) {
    problems.push(problem("timeline.publishEnd", "The publish window must end on or after its start."));
  }
  return problems;
}

/** "#ad, #sponsored or Paid partnership", for messages. */
export function listOfWords(words: readonly string[]): string {
  const quoted = words.map((w) => `"${w}"`);
  return quoted.length <= 1 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}`;
}

export function disclosureProblems(disclosure: string | undefined, rules: PublishRules): BriefProblem[] {
  const text = disclosure?.trim();
  if (!text || isAcceptedDisclosure(text, rules.disclosureWords)) return [];
  return [problem("disclosure", `Use a disclosure your workspace accepts: include ${listOfWords(rules.disclosureWords)}.`)];
}

/** Every problem that stops this brief from being published, in the order the editor shows the fields. */
export function publishProblems(brief: BriefDraft, rules: PublishRules): BriefProblem[] {
  return [...timelineProblems(brief.timeline), ...disclosureProblems(brief.disclosure, rules)];
}

/** Problems as field messages keyed by form field name, the shape the editor shows next to inputs. */
export function problemsByField(problems: readonly BriefProblem[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of problems) (out[p.key] ??= []).push(p.message);
  return out;
}

/** The sentence for a refused publish, e.g. "Fix these before publishing: Draft due date, Disclosure." */
export function publishProblemsMessage(problems: readonly BriefProblem[]): string {
  return `Fix these before publishing: ${[...new Set(problems.map((p) => p.label))].join(", ")}.`;
}

/** A workspace's rules, read from its row (ctx.workspace). */
export const publishRulesOf = (workspace: { disclosureWords: readonly string[] }): PublishRules => ({
  disclosureWords: workspace.disclosureWords,
});
