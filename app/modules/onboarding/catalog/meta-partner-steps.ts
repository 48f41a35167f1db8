/**
 * Every Meta asset is shared the same way: the client adds our business portfolio as a partner
 * (Business settings > Users > Partners). Only the asset list differs, so the clicks live here once.
 */
export function metaPartnerSteps(assetList: string, assetName: string): string[] {
  return [
    "Open business.facebook.com/settings with a profile that has full control of your business " +
      "portfolio and two-factor authentication turned on (Meta requires both).",
    "Go to Users > Partners and click Add.",
    "Choose “Give a partner access to your assets” and enter our business portfolio ID {agencyId}.",
    `Under ${assetList}, select your ${assetName} and turn on {role}, nothing more.`,
    "Click Assign.",
  ];
}

export const META_LAST_CHECKED = "2026-11-01";
