import { describe, expect, it } from "vitest";
import { trackingRequirements } from "~/modules/briefs/tracking";

describe("trackingRequirements", () => {
  it("reads the disclosure, UTM parameters and naming rule from the brief", () => {
    expect(
      trackingRequirements({
        disclosure: " #ad ",
        tracking: {
          utm: [{ param: "utm_source", value: "instagram" }, { param: "utm_campaign", value: "" }, { param: "utm_content" }],
          namingRule: "brand_campaign_yyyymm",
        },
      }),
    ).toEqual({
      disclosure: "#ad",
      utm: [{ param: "utm_source", value: "instagram" }, { param: "utm_campaign" }, { param: "utm_content" }],
      namingRule: "brand_campaign_yyyymm",
    });
  });

  it("has no disclosure, no parameters and no naming rule for an empty brief", () => {
    const requirements = trackingRequirements({});
    expect(requirements).toEqual({ disclosure: null, utm: [] });
    expect(requirements).not.toHaveProperty("namingRule");
    expect(trackingRequirements({ disclosure: "   ", tracking: { namingRule: " " } })).toEqual({
      disclosure: null,
      utm: [],
    });
  });

  it("skips nameless rows of a draft and repeats of a parameter", () => {
    const requirements = trackingRequirements({
      tracking: {
        utm: [
          { value: "orphan" },
          { param: "utm_source", value: "tiktok" },
          { param: "UTM_SOURCE", value: "other" },
          { param: " utm_medium " },
        ],
      },
    });
    expect(requirements.utm).toEqual([{ param: "utm_source", value: "tiktok" }, { param: "utm_medium" }]);
  });
});
