import { describe, expect, it } from "vitest";
import { briefPrefill, questionnaireDraftSchema, questionnaireQuestions, questionnaireSchema } from "~/modules/onboarding/questionnaire";

describe("questionnaire data", () => {
  it("asks brand story and audience (required), competitors and tone (optional)", () => {
    expect(questionnaireQuestions.map((q) => [q.key, q.required])).toEqual([
      ["brandStory", true],
      ["audience", true],
      ["keyCompetitors", false],
      ["toneOfVoice", false],
    ]);
  });

  it("has a schema field for every question, with the question's length limit", () => {
    expect(Object.keys(questionnaireSchema.shape)).toEqual(questionnaireQuestions.map((q) => q.key));
    for (const q of questionnaireQuestions) {
      const tooLong = { brandStory: "a", audience: "b", [q.key]: "x".repeat(q.maxLength + 1) };
      const result = questionnaireSchema.safeParse(tooLong);
      expect(result.success).toBe(false);
      if (!result.success) expect(result.error.issues[0].message).toBe(`Keep “${q.label}” under ${q.maxLength} characters.`);
    }
  });
});

describe("questionnaireSchema", () => {
  it("accepts a complete questionnaire and trims answers", () => {
    expect(
      questionnaireSchema.parse({
        brandStory: "  Clean skincare since 2015. ",
        audience: "Women 25-40 who read labels.",
      }),
    ).toEqual({ brandStory: "Clean skincare since 2015.", audience: "Women 25-40 who read labels." });
  });

  it("asks for the brand story and the audience in words", () => {
    const result = questionnaireSchema.safeParse({ brandStory: "   ", audience: "" });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.flatten().fieldErrors).toEqual({
        brandStory: ["Tell us your brand story in a few sentences."],
        audience: ["Tell us who you want to reach."],
      });
    }
  });

  it("lets autosave store a half-filled draft", () => {
    expect(questionnaireDraftSchema.parse({ toneOfVoice: "Warm" })).toEqual({ toneOfVoice: "Warm" });
  });

  it("lets autosave store the form as the page posts it: required answers still empty", () => {
    const posted = { brandStory: "Clean skincare.", audience: "", keyCompetitors: "", toneOfVoice: "" };
    expect(questionnaireDraftSchema.parse(posted)).toEqual(posted);
  });
});

describe("briefPrefill", () => {
  it("maps brand story and audience to the brief's core keys", () => {
    expect(briefPrefill({ brandStory: "Clean skincare since 2015.", audience: "Women 25-40." })).toEqual({
      brandStory: "Clean skincare since 2015.",
      audience: "Women 25-40.",
    });
  });

  it("adds competitors and tone of voice to the brand story", () => {
    expect(
      briefPrefill({
        brandStory: "Clean skincare since 2015.",
        audience: "Women 25-40.",
        keyCompetitors: "Glow Co, Dewy Labs",
        toneOfVoice: "Warm and expert",
      }),
    ).toEqual({
      brandStory: "Clean skincare since 2015.\n\nKey competitors: Glow Co, Dewy Labs\n\nTone of voice: Warm and expert",
      audience: "Women 25-40.",
    });
  });

  it("fills nothing from empty answers, so it never blanks a brief", () => {
    expect(briefPrefill({})).toEqual({});
    expect(briefPrefill({ brandStory: "  ", audience: "" })).toEqual({});
  });

  it("fills the audience alone when that is all there is", () => {
    expect(briefPrefill({ audience: " Runners " })).toEqual({ audience: "Runners" });
  });
});
