import { describe, expect, it } from "vitest";
import { at, brand, campaign, detectOnly } from "./conflict-factories";

const spring = campaign({
  id: "camp-1",
  agencyId: "agency-1",
  name: "Spring launch",
  channels: ["instagram", "tiktok"],
  startsAt: at("2026-12-01T00:00:00Z"),
  endsAt: at("2026-12-15T00:00:00Z"),
  keyMessage: "Glow without the fuss",
});

describe("CAMPAIGN_OVERLAP", () => {
  it("flags two agencies' campaigns of one brand live at once on a shared channel", () => {
    const holiday = campaign({
      id: "camp-2",
      agencyId: "agency-2",
      name: "Holiday gifting",
      channels: ["tiktok", "instagram", "youtube"],
      startsAt: at("2026-12-10T00:00:00Z"),
      endsAt: at("2026-12-31T00:00:00Z"),
      keyMessage: "The gift of calm skin",
    });
    const [conflict, ...rest] = detectOnly("CAMPAIGN_OVERLAP", {
      campaigns: [holiday, spring],
      agencies: [
        { id: "agency-1", name: "North" },
        { id: "agency-2", name: "South" },
      ],
    });
    expect(rest).toEqual([]);
    expect(conflict).toMatchObject({
      severity: "warning",
      key: "CAMPAIGN_OVERLAP:camp-1+camp-2",
      brandId: "brand-a",
      objectIds: ["camp-1", "camp-2"],
      startsAt: at("2026-12-10T00:00:00Z"),
    });
    expect(conflict.details.sharedChannels).toEqual(["instagram", "tiktok"]);
    expect(conflict.details.overlapEndsAt).toEqual(at("2026-12-15T00:00:00Z"));
    expect(conflict.details.campaigns.map((c) => c.keyMessage)).toEqual(["Glow without the fuss", "The gift of calm skin"]);
    expect(conflict.message).toBe(
      "Acme's campaigns “Spring launch” and “Holiday gifting” are run by different agencies (North and South) " +
        "and overlap for 5 days on Instagram and TikTok; check that their key messages agree.",
    );
  });

  it("does not flag windows that only touch (one ends as the other starts)", () => {
    const next = campaign({ id: "camp-2", agencyId: "agency-2", startsAt: spring.endsAt, endsAt: at("2026-12-20T00:00:00Z") });
    expect(detectOnly("CAMPAIGN_OVERLAP", { campaigns: [spring, next] })).toEqual([]);
  });

  it("flags a one-minute overlap", () => {
    const next = campaign({ id: "camp-2", agencyId: "agency-2", startsAt: at("2026-12-14T23:59:00Z"), endsAt: at("2026-12-20T00:00:00Z") });
    expect(detectOnly("CAMPAIGN_OVERLAP", { campaigns: [spring, next] })).toHaveLength(1);
  });

  it("does not flag overlapping campaigns from the same agency", () => {
    const sameAgency = campaign({ id: "camp-2", agencyId: "agency-1", startsAt: at("2026-12-05T00:00:00Z") });
    expect(detectOnly("CAMPAIGN_OVERLAP", { campaigns: [spring, sameAgency] })).toEqual([]);
  });

  it("does not flag campaigns without a shared channel", () => {
    const other = campaign({ id: "camp-2", agencyId: "agency-2", channels: ["linkedin"] });
    expect(detectOnly("CAMPAIGN_OVERLAP", { campaigns: [spring, other] })).toEqual([]);
  });

  it("does not flag campaigns of different brands", () => {
    const otherBrand = campaign({ id: "camp-2", brandId: "brand-b", agencyId: "agency-2" });
    expect(
      detectOnly("CAMPAIGN_OVERLAP", {
        brands: [brand(), brand({ id: "brand-b", name: "Glow" })],
        campaigns: [spring, otherBrand],
      }),
    ).toEqual([]);
  });

  it("reports every overlapping pair across agencies, and only those", () => {
    const campaigns = [
      spring,
      campaign({ id: "camp-2", agencyId: "agency-1", startsAt: at("2026-12-02T00:00:00Z") }),
      campaign({ id: "camp-3", agencyId: "agency-2", startsAt: at("2026-12-03T00:00:00Z") }),
    ];
    const keys = detectOnly("CAMPAIGN_OVERLAP", { campaigns }).map((c) => c.key);
    expect(keys.sort()).toEqual(["CAMPAIGN_OVERLAP:camp-1+camp-3", "CAMPAIGN_OVERLAP:camp-2+camp-3"]);
  });
});
