import { describe, expect, it } from "vitest";
import { parseEnv } from "~/utils/env.server";
import { safeRedirectPath } from "~/utils/redirect";
import { isPrivateAddress } from "~/modules/webhooks/address-guard.server";
import { membershipChangeRefusal, roleCan } from "~/modules/workspaces/permissions";

describe("environment", () => {
  it("needs nothing: defaults give an embedded database on port 3000", () => {
    const e = parseEnv({});
    expect(e.PORT).toBe(3000);
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.APP_URL).toBe("http://localhost:3000");
    expect(e.secureCookies).toBe(false);
    expect(e.WORKER).toBe("inline");
  });

  it("stops with a message naming each bad variable", () => {
    expect(() => parseEnv({ PORT: "ninety", DATABASE_URL: "mysql://x" })).toThrowError(/PORT[\s\S]*DATABASE_URL: must start with postgres/);
    expect(() => parseEnv({ RESEND_API_KEY: "abc" })).toThrowError(/RESEND_API_KEY: must start with re_/);
  });

  it("turns on secure cookies for an https APP_URL", () => {
    expect(parseEnv({ APP_URL: "https://portal.example.com/" }).secureCookies).toBe(true);
    expect(parseEnv({ APP_URL: "https://portal.example.com/" }).APP_URL).toBe("https://portal.example.com");
  });
});

describe("safe redirects (19)", () => {
  it.each([
    ["https://evil.test", "/"],
    ["//evil.test", "/"],
    ["/\\evil.test", "/"],
    ["javascript:alert(1)", "/"],
    ["/w/acme\r\nSet-Cookie: x", "/"],
    ["/w/acme/members?x=1", "/w/acme/members?x=1"],
  ])("%s → %s", (input, expected) => {
    expect(safeRedirectPath(input, "/")).toBe(expected);
  });
});

describe("private address ranges", () => {
  it.each([
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.0.10",
    "127.0.0.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "::1",
    "fd00::1",
    "fe80::1",
    "::ffff:10.0.0.1",
  ])("%s is private", (ip) => {
    expect(isPrivateAddress(ip)).toBe(true);
  });
  it.each(["93.184.216.34", "172.32.0.1", "8.8.8.8", "2606:4700::1111"])("%s is public", (ip) => {
    expect(isPrivateAddress(ip)).toBe(false);
  });
});

describe("permission table", () => {
  it("gives settings only to owners and admins, sign-off to brand leads, submissions to creators", () => {
    expect(roleCan("owner", "workspace.settings")).toBe(true);
    expect(roleCan("admin", "workspace.settings")).toBe(true);
    expect(roleCan("coordinator", "workspace.settings")).toBe(false);
    expect(roleCan("brand_lead", "signoff.give")).toBe(true);
    expect(roleCan("agency_member", "signoff.give")).toBe(false);
    expect(roleCan("creator", "drafts.submit")).toBe(true);
    expect(roleCan("client_contact", "drafts.review")).toBe(false);
  });
});

describe("who may change a membership", () => {
  const admin = { userId: "a", role: "admin" as const };
  const owner = { userId: "o", role: "owner" as const };
  it("refuses your own membership, and another owner's unless you are an owner", () => {
    expect(membershipChangeRefusal(admin, { userId: "a", role: "admin" })).toMatch(/your own membership/);
    expect(membershipChangeRefusal(admin, { userId: "o", role: "owner" })).toMatch(/Only an owner/);
    expect(membershipChangeRefusal(owner, { userId: "o2", role: "owner" })).toBeNull();
    expect(membershipChangeRefusal(admin, { userId: "c", role: "creator" })).toBeNull();
  });
});
