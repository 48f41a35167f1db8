import { describe, expect, it } from "vitest";
import { CHANNEL_LIMITS, CHANNEL_PLATFORMS, CHANNELS, channelLabel, requireChannel } from "~/modules/channels/channels";
import { isPlatformKey, platformCatalog } from "~/modules/onboarding/catalog";

describe("the channel home", () => {
  it("names only platforms the onboarding catalog has, by the catalog's own key", () => {
    for (const channel of CHANNELS) {
      const platform = CHANNEL_PLATFORMS[channel];
      if (platform === null) continue;
      expect(isPlatformKey(platform), `${channel} → ${platform}`).toBe(true);
      expect(platformCatalog[platform as keyof typeof platformCatalog].key).toBe(platform);
    }
    expect(CHANNEL_PLATFORMS.instagram).toBe("instagram");
  });

  it("lists X, which needs no platform access until the catalog has one", () => {
    expect(CHANNELS).toContain("x");
    expect(CHANNEL_PLATFORMS.x).toBeNull();
    expect(channelLabel("x")).toBe("X");
    expect(CHANNEL_LIMITS.x.copyMaxChars).toBe(280);
  });

  it("refuses an unknown stored channel instead of reading it as another one", () => {
    expect(requireChannel("tiktok")).toBe("tiktok");
    expect(() => requireChannel("myspace")).toThrow(/Unknown channel "myspace"/);
    expect(channelLabel("myspace")).toBe("myspace");
  });
});
