import { describe, expect, it } from "vitest";
import { deliverable, detectOnly } from "./conflict-factories";

describe("ACCESS_MISSING", () => {
  it("warns when a channel's platform access is not verified for the brand", () => {
    const conflicts = detectOnly("ACCESS_MISSING", {
      deliverables: [deliverable({ channel: "instagram" })],
      access: { verified: [{ brandId: "brand-b", platform: "instagram" }] },
    });
    expect(conflicts).toEqual([
      expect.objectContaining({
        severity: "warning",
        key: "ACCESS_MISSING:del-1:instagram",
        message: "“Teaser” for Acme goes out on Instagram, but Acme's Meta (Instagram) access is not verified yet.",
        details: { channel: "instagram", platform: "instagram" },
      }),
    ]);
  });

  it("is satisfied by verified access for that brand and platform", () => {
    const conflicts = detectOnly("ACCESS_MISSING", {
      deliverables: [deliverable({ channel: "tiktok" })],
      access: { verified: [{ brandId: "brand-a", platform: "tiktok_ads" }] },
    });
    expect(conflicts).toEqual([]);
  });

  it("needs nothing for channels without a platform, or unknown channels", () => {
    const deliverables = [deliverable({ id: "yt", channel: "youtube" }), deliverable({ id: "blog", channel: "blog" })];
    expect(detectOnly("ACCESS_MISSING", { deliverables })).toEqual([]);
  });

  it("follows a custom channel → platform mapping", () => {
    const conflicts = detectOnly("ACCESS_MISSING", {
      deliverables: [deliverable({ channel: "youtube" })],
      access: { verified: [], channelPlatforms: { youtube: "google_ads" } },
    });
    expect(conflicts.map((c) => c.message)).toEqual([
      "“Teaser” for Acme goes out on YouTube, but Acme's Google ads access is not verified yet.",
    ]);
  });

  it("ignores published and cancelled deliverables", () => {
    const deliverables = [deliverable({ id: "p", status: "published" }), deliverable({ id: "c", status: "cancelled" })];
    expect(detectOnly("ACCESS_MISSING", { deliverables })).toEqual([]);
  });
});
