import { z } from "zod";
import { text } from "~/utils/text-schema";

/**
 * The short questionnaire on an onboarding link, as data (the form renders it) plus its schema.
 * Its answers pre-fill the campaign brief, so the brand tells its story once.
 */

export interface QuestionnaireQuestion {
  key: "brandStory" | "audience" | "keyCompetitors" | "toneOfVoice";
  label: string;
  help: string;
  multiline: boolean;
  required: boolean;
  maxLength: number;
}

export const questionnaireQuestions: readonly QuestionnaireQuestion[] = [
  {
    key: "brandStory",
    label: "Your brand story",
    help: "Why the brand exists and what makes it different, in a few sentences.",
    multiline: true,
    required: true,
    maxLength: 2000,
  },
  {
    key: "audience",
    label: "Who you want to reach",
    help: "The people you sell to: age, interests, where they spend time, what they care about.",
    multiline: true,
    required: true,
    maxLength: 2000,
  },
  {
    key: "keyCompetitors",
    label: "Key competitors",
    help: "Brands your customers compare you with, and how you differ.",
    multiline: false,
    required: false,
    maxLength: 500,
  },
  {
    key: "toneOfVoice",
    label: "Tone of voice",
    help: "How the brand sounds: for example warm and expert, never jokey.",
    multiline: false,
    required: false,
    maxLength: 500,
  },
];

const answer = (label: string, maxLength: number, requiredMessage = `Answer “${label}”.`, min = 0) =>
  text({
    required: requiredMessage,
    invalidType: `Answer “${label}” as text.`,
    min,
    max: maxLength,
    tooLong: `Keep “${label}” under ${maxLength} characters.`,
  });
const requiredAnswer = (label: string, maxLength: number, message: string) => answer(label, maxLength, message, 1);

/** A finished questionnaire: the two answers the brief cannot do without are required. */
export const questionnaireSchema = z.object({
  brandStory: requiredAnswer("Your brand story", 2000, "Tell us your brand story in a few sentences."),
  audience: requiredAnswer("Who you want to reach", 2000, "Tell us who you want to reach."),
  keyCompetitors: answer("Key competitors", 500).optional(),
  toneOfVoice: answer("Tone of voice", 500).optional(),
});
export type QuestionnaireAnswers = z.infer<typeof questionnaireSchema>;

/**
 * What autosave accepts while the client types: each answer valid so far (its length), none
 * required yet, so an empty "Who you want to reach" never refuses a typed brand story.
 */
export const questionnaireDraftSchema = z.object({
  brandStory: answer("Your brand story", 2000).optional(),
  audience: answer("Who you want to reach", 2000).optional(),
  keyCompetitors: answer("Key competitors", 500).optional(),
  toneOfVoice: answer("Tone of voice", 500).optional(),
});
export type QuestionnaireDraft = z.infer<typeof questionnaireDraftSchema>;

/** Brief core-section keys this questionnaire can fill. */
export type BriefPrefill = Partial<Record<"brandStory" | "audience", string>>;

/**
 * The brief fields the answers fill in. The brief has no section of its own for competitors or
 * tone of voice, and both are positioning a creator should read next to the brand story, so they
 * are appended to it. Empty answers fill nothing, so they never overwrite what a brief has.
 */
export function briefPrefill(answers: QuestionnaireDraft): BriefPrefill {
  const text = (value: string | undefined) => value?.trim() ?? "";
  const story = [
    text(answers.brandStory),
    text(answers.keyCompetitors) && `Key competitors: ${text(answers.keyCompetitors)}`,
    text(answers.toneOfVoice) && `Tone of voice: ${text(answers.toneOfVoice)}`,
  ].filter(Boolean);
  const prefill: BriefPrefill = {};
  if (story.length > 0) prefill.brandStory = story.join("\n\n");
  if (text(answers.audience)) prefill.audience = text(answers.audience);
  return prefill;
}
