import { describe, expect, it } from "vitest";
import { finishWith, saveIntakeDraft } from "~/modules/onboarding/intake-draft";
import { questionnaireSchema } from "~/modules/onboarding/questionnaire";
import { contactsSchema, intakeDraftFields } from "~/modules/onboarding/schemas";

/** The rule every intake step saves by: valid-so-far input is kept, required only on finishing. */

const emptyAnswers = { brandStory: "", audience: "", keyCompetitors: "", toneOfVoice: "" };
const questionnaire = (raw: Record<string, unknown>, complete: boolean, saved = emptyAnswers, wasDone = false) =>
  saveIntakeDraft({ fields: intakeDraftFields.questionnaire, finish: finishWith(questionnaireSchema), saved, wasDone, raw, complete });
/** What the page posts with only the brand story typed: the other fields arrive empty. */
const storyOnly = { brandStory: " Small batch tea. ", audience: "", keyCompetitors: "", toneOfVoice: "" };

describe("saving an intake step as it is typed", () => {
  it("keeps a half-filled questionnaire: empty required answers are no error yet", () => {
    expect(questionnaire(storyOnly, false)).toEqual({ ok: true, done: false, values: { ...emptyAnswers, brandStory: "Small batch tea." } });
  });

  it("keeps what a field held when it is not posted", () => {
    const saved = { ...emptyAnswers, toneOfVoice: "Warm" };
    expect(questionnaire({ brandStory: "Tea." }, false, saved).values).toEqual({ ...saved, brandStory: "Tea." });
  });

  it("refuses a field that is not valid so far on its own, and keeps the rest", () => {
    const saved = { ...emptyAnswers, keyCompetitors: "Glow Co" };
    const result = questionnaire({ ...storyOnly, keyCompetitors: "x".repeat(501) }, false, saved);
    expect(result.ok).toBe(false);
    expect(result.values).toEqual({ ...saved, brandStory: "Small batch tea." });
    if (!result.ok) expect(result.errors).toEqual({ keyCompetitors: ["Keep “Key competitors” under 500 characters."] });
  });

  it("keeps a finished step done only while what it holds would still finish it", () => {
    const full = { ...emptyAnswers, brandStory: "Tea.", audience: "Tea lovers." };
    expect(questionnaire({ toneOfVoice: "Warm" }, false, full, true)).toMatchObject({ ok: true, done: true });
    expect(questionnaire({ audience: "" }, false, full, true)).toMatchObject({ ok: true, done: false });
  });
});

describe("finishing an intake step", () => {
  it("demands the required answers, and still keeps what was typed", () => {
    const result = questionnaire(storyOnly, true);
    expect(result).toEqual({
      ok: false,
      done: false,
      values: { ...emptyAnswers, brandStory: "Small batch tea." },
      errors: { audience: ["Tell us who you want to reach."] },
    });
  });

  it("finishes when everything required is there", () => {
    expect(questionnaire({ ...storyOnly, audience: "Tea lovers." }, true)).toMatchObject({ ok: true, done: true });
  });

  it("contacts: a half-typed email is kept while typing and checked on finishing", () => {
    const saved = { contactName: "", contactEmail: "", contactRole: "", approverName: "", approverEmail: "", otherContacts: "" };
    const run = (complete: boolean) =>
      saveIntakeDraft({
        fields: intakeDraftFields.contacts,
        finish: finishWith(contactsSchema),
        saved,
        wasDone: false,
        raw: { ...saved, contactName: "Mia", contactEmail: "mia@" },
        complete,
      });
    expect(run(false)).toMatchObject({ ok: true, values: { contactName: "Mia", contactEmail: "mia@" } });
    const finished = run(true);
    expect(finished).toMatchObject({ ok: false, values: { contactName: "Mia", contactEmail: "mia@" } });
    if (!finished.ok) expect(Object.keys(finished.errors).sort()).toEqual(["approverEmail", "approverName", "contactEmail"]);
  });
});
