import { describe, expect, it } from "vitest";
import { CHANNEL_LIMITS, CHANNELS, characterCount, isChannel, type Channel } from "~/modules/channels/channels";
import { containsDisclosure, runTransferChecks, type TransferCheckInput } from "~/modules/approvals/transfer-checks";

const LINK = "https://lumen.example/spring?utm_source=instagram&utm_medium=social&utm_campaign=spring-glow";

/** A draft that passes every check; each test breaks exactly one thing. */
function draft(overrides: Partial<TransferCheckInput> = {}): TransferCheckInput {
  return {
    channel: "instagram",
    copy: "Morning glow with the new Lumen serum ✨ #ad",
    title: null,
    link: LINK,
    mediaCount: 1,
    requirements: {
      disclosure: "#ad",
      requiredUtm: [{ name: "utm_source", value: "instagram" }, { name: "utm_medium" }, { name: "utm_campaign", value: "spring-glow" }],
    },
    ...overrides,
  };
}
const requirements = draft().requirements;
const codes = (input: TransferCheckInput) => runTransferChecks(input).failures.map((f) => f.code);

describe("channel limits", () => {
  it("holds the current per-channel limits", () => {
    const caps = Object.fromEntries(CHANNELS.map((c) => [c, CHANNEL_LIMITS[c].copyMaxChars]));
    expect(caps).toEqual({ instagram: 2200, tiktok: 4000, x: 280, linkedin: 3000, youtube: 5000, facebook: 63206 });
    expect(CHANNEL_LIMITS.youtube.titleMaxChars).toBe(100);
  });
  it("counts an emoji as one character", () => {
    expect(characterCount("glow ✨😀")).toBe(7);
    expect("glow ✨😀".length).toBe(8);
  });
  it("recognises channel names", () => {
    expect(isChannel("tiktok")).toBe(true);
    expect(isChannel("myspace")).toBe(false);
  });
});

describe("runTransferChecks", () => {
  it("passes a complete draft", () => {
    expect(runTransferChecks(draft())).toEqual({ ok: true, failures: [] });
  });

  describe("disclosure", () => {
    it.each(["#ad at the start", "ends with #AD", "(#Ad) in brackets", "line one\n#ad, then more"])("finds it in %j", (copy) => {
      expect(runTransferChecks(draft({ copy })).ok).toBe(true);
    });
    it.each(["no disclosure here", "#adventure awaits", "bad#ad", "#ad_campaign", "#ads"])("misses it in %j", (copy) => {
      expect(runTransferChecks(draft({ copy }))).toEqual({
        ok: false,
        failures: [{ code: "disclosure_missing", field: "copy", message: 'Add "#ad" to the caption: the brief requires this disclosure.' }],
      });
    });
    it("matches multi-word disclosures across any whitespace", () => {
      expect(containsDisclosure("Paid\n partnership with Lumen", "paid partnership")).toBe(true);
      expect(containsDisclosure("Unpaid partnership", "paid partnership")).toBe(false);
    });
    it("treats regex characters in the disclosure literally", () => {
      expect(containsDisclosure("Anzeige (Werbung)", "(werbung)")).toBe(true);
      expect(containsDisclosure("#abd", "#a.d")).toBe(false);
    });
    it("skips the check when the brief requires no disclosure", () => {
      expect(runTransferChecks(draft({ copy: "no tag", requirements: { ...requirements, disclosure: null } })).ok).toBe(true);
    });
  });

  describe("link and UTM parameters", () => {
    it("names each missing UTM parameter", () => {
      const result = runTransferChecks(draft({ link: "https://lumen.example/spring?utm_source=instagram" }));
      expect(result.failures).toEqual([
        { code: "utm_missing", field: "link", message: "The link has no utm_medium. Add utm_medium=… to it." },
        { code: "utm_missing", field: "link", message: "The link has no utm_campaign. Add utm_campaign=spring-glow to it." },
      ]);
    });
    it("treats an empty parameter as missing", () => {
      expect(codes(draft({ link: LINK.replace("utm_medium=social", "utm_medium=") }))).toEqual(["utm_missing"]);
    });
    it("refuses a parameter with the wrong value, case included", () => {
      const result = runTransferChecks(draft({ link: LINK.replace("utm_source=instagram", "utm_source=Instagram") }));
      expect(result.failures).toEqual([
        { code: "utm_wrong_value", field: "link", message: "The link has utm_source=Instagram; this campaign uses utm_source=instagram." },
      ]);
    });
    it("reads encoded values", () => {
      const input = draft({
        link: "https://lumen.example/?utm_source=ig&utm_campaign=spring%20glow",
        requirements: { ...requirements, requiredUtm: [{ name: "utm_campaign", value: "spring glow" }] },
      });
      expect(runTransferChecks(input).ok).toBe(true);
    });
    it.each(["lumen.example/spring?utm_source=instagram", "not a link", "javascript:alert(1)//?utm_source=instagram"])(
      "refuses %j as invalid",
      (link) => {
        expect(runTransferChecks(draft({ link })).failures).toEqual([
          {
            code: "link_invalid",
            field: "link",
            message: `"${link}" is not a complete web address. Paste the full link, starting with https://.`,
          },
        ]);
      },
    );
    it("requires a link when the campaign tracks UTM parameters", () => {
      expect(codes(draft({ link: null }))).toEqual(["link_missing"]);
      expect(codes(draft({ link: "   " }))).toEqual(["link_missing"]);
    });
    it("accepts no link when the campaign tracks none", () => {
      expect(runTransferChecks(draft({ link: null, requirements: { ...requirements, requiredUtm: [] } })).ok).toBe(true);
    });
  });

  describe("length limits", () => {
    it.each([
      ["instagram", 2200],
      ["tiktok", 4000],
      ["x", 280],
      ["linkedin", 3000],
      ["youtube", 5000],
      ["facebook", 63206],
    ] as [Channel, number][])("%s accepts %d characters and refuses one more", (channel, limit) => {
      const fits = `#ad ${"a".repeat(limit - 4)}`;
      const base = { channel, title: "A title", mediaCount: 1 };
      expect(codes(draft({ ...base, copy: fits }))).toEqual([]);
      expect(codes(draft({ ...base, copy: `${fits}a` }))).toEqual(["copy_too_long"]);
    });
    it("says how much to cut", () => {
      const result = runTransferChecks(draft({ channel: "x", copy: `#ad ${"a".repeat(300)}` }));
      expect(result.failures[0].message).toBe("The post is 304 characters; X allows 280 characters. Cut 24 characters.");
    });
    it("counts emoji as one character", () => {
      expect(runTransferChecks(draft({ channel: "x", copy: `#ad ${"😀".repeat(276)}` })).ok).toBe(true);
    });
    it("checks the YouTube title: required, at most 100 characters", () => {
      const yt = { channel: "youtube" as const, mediaCount: 1 };
      expect(codes(draft({ ...yt, title: "t".repeat(100) }))).toEqual([]);
      expect(runTransferChecks(draft({ ...yt, title: "t".repeat(101) })).failures).toEqual([
        { code: "title_too_long", field: "title", message: "The title is 101 characters; YouTube allows 100 characters. Cut 1 character." },
      ]);
      expect(runTransferChecks(draft({ ...yt, title: " " })).failures).toEqual([
        { code: "title_missing", field: "title", message: "Add a title: YouTube needs one." },
      ]);
    });
  });

  describe("required files", () => {
    it.each(["instagram", "tiktok", "youtube"] as Channel[])("%s needs at least one media file", (channel) => {
      const failures = runTransferChecks(draft({ channel, title: "A title", mediaCount: 0 })).failures;
      expect(failures).toEqual([
        {
          code: "media_missing",
          field: "media",
          message: `This ${CHANNEL_LIMITS[channel].label} post needs 1 media file and has none. Attach 1 more.`,
        },
      ]);
    });
    it.each(["x", "linkedin", "facebook"] as Channel[])("%s accepts a text-only post", (channel) => {
      expect(runTransferChecks(draft({ channel, mediaCount: 0 })).ok).toBe(true);
    });
    it("applies the brief's count when higher than the channel's", () => {
      const input = draft({ mediaCount: 2, requirements: { ...requirements, requiredMediaCount: 3 } });
      expect(runTransferChecks(input).failures[0].message).toBe("This Instagram post needs 3 media files and has 2. Attach 1 more.");
      expect(runTransferChecks({ ...input, mediaCount: 3 }).ok).toBe(true);
    });
  });

  it("reports every failure at once, in a stable order", () => {
    const input = draft({ channel: "youtube", copy: "no tag", title: null, link: "https://x.example", mediaCount: 0 });
    expect(codes(input)).toEqual(["disclosure_missing", "utm_missing", "utm_missing", "utm_missing", "title_missing", "media_missing"]);
  });
});
