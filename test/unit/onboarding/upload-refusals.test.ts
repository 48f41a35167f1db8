import { describe, expect, it } from "vitest";
import { clientProblem } from "~/modules/onboarding/client-refusals";
import { UploadRefused } from "~/modules/uploads/uploads.server";
import { invalid } from "~/utils/outcome";

/**
 * An upload the store refuses (what arrived, not what the browser declared) reaches the client in
 * the link's language: the store's refusal carries the same codes and values as the page's own
 * checks (issue 20; once it passed through in English).
 */
describe("a refusal from the upload store, on a Spanish client page", () => {
  const asClientSees = (error: UploadRefused) => {
    const failed = invalid(error.message, { file: [error.message] }, { code: error.code, vars: error.problem.vars });
    if (failed.ok) throw new Error("fixture");
    return clientProblem(failed.problem, "es");
  };

  it("too large: names the file and the limit in Spanish, on the field too", () => {
    const said = asClientSees(new UploadRefused("The file is larger than 10 MB.", "too_large", { name: "logo.png", max: 10 }));
    expect(said.message).toBe("«logo.png» pesa más de 10 MB.");
    expect(said.fields).toEqual({ file: ["«logo.png» pesa más de 10 MB."] });
  });

  it("empty: in Spanish", () => {
    expect(asClientSees(new UploadRefused("The file is empty.", "file_empty", { name: "a.pdf" })).message).toBe("«a.pdf» está vacío.");
  });

  it("too large is still told apart for the 413 of the upload route", () => {
    expect(new UploadRefused("x", "too_large").tooLarge).toBe(true);
    expect(new UploadRefused("x", "file_type").tooLarge).toBe(false);
  });
});
