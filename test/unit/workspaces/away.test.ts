import { describe, expect, it } from "vitest";
import { delegateRefusal, delegationApplies, lastDayAway, readAwayDays, type DelegatingMember } from "~/modules/workspaces/away";

const member = (userId: string, role: DelegatingMember["role"], scope: Partial<DelegatingMember> = {}): DelegatingMember => ({
  userId,
  role,
  agencyId: null,
  brandId: null,
  ...scope,
});

describe("delegationApplies: [from, until) with a delegate named", () => {
  const away = { awayFrom: new Date("2026-12-08T00:00:00Z"), awayUntil: new Date("2026-12-13T00:00:00Z"), delegateUserId: "ben" };
  it("from the first instant to before the end", () => {
    expect(delegationApplies(away, new Date("2026-12-07T23:59:59Z"))).toBe(false);
    expect(delegationApplies(away, new Date("2026-12-08T00:00:00Z"))).toBe(true);
    expect(delegationApplies(away, new Date("2026-12-12T23:59:59Z"))).toBe(true);
    expect(delegationApplies(away, new Date("2026-12-13T00:00:00Z"))).toBe(false);
  });
  it("never without a delegate or a full period", () => {
    expect(delegationApplies({ ...away, delegateUserId: null }, new Date("2026-12-09T00:00:00Z"))).toBe(false);
    expect(delegationApplies({ ...away, awayUntil: null }, new Date("2026-12-09T00:00:00Z"))).toBe(false);
  });
});

describe("delegateRefusal", () => {
  const lead = member("lea", "brand_lead", { brandId: "X" });
  it("a brand lead's delegate leads the same brand", () => {
    expect(delegateRefusal(lead, member("lou", "brand_lead", { brandId: "X" }))).toBeNull();
    expect(delegateRefusal(lead, member("lin", "brand_lead", { brandId: "Y" }))).toBe(
      "Choose a brand lead of your brand: only they can give its sign-off.",
    );
    expect(delegateRefusal(lead, member("cora", "coordinator"))).toBe(
      "Choose a brand lead of your brand: only they can give its sign-off.",
    );
  });
  it("an agency member's delegate is a colleague of the agency or staff", () => {
    const ana = member("ana", "agency_member", { agencyId: "P" });
    expect(delegateRefusal(ana, member("ben", "agency_member", { agencyId: "P" }))).toBeNull();
    expect(delegateRefusal(ana, member("cora", "coordinator"))).toBeNull();
    expect(delegateRefusal(ana, member("quin", "agency_member", { agencyId: "Q" }))).toMatch(/colleague of your agency/);
    expect(delegateRefusal(ana, member("cris", "creator"))).toMatch(/colleague of your agency/);
  });
  it("staff hand over to staff; nobody to themself; nobody from outside", () => {
    expect(delegateRefusal(member("cora", "coordinator"), member("olga", "owner"))).toBeNull();
    expect(delegateRefusal(member("cora", "coordinator"), member("ana", "agency_member", { agencyId: "P" }))).toMatch(
      /owner, admin or coordinator/,
    );
    expect(delegateRefusal(lead, lead)).toBe("Choose someone else: your delegate decides while you are away.");
    expect(delegateRefusal(lead, null)).toBe("Choose a delegate from the list: a member of this workspace.");
    expect(delegateRefusal(member("cris", "creator"), member("cora", "coordinator"))).toBe(
      "Only people who review or sign off drafts name a delegate.",
    );
  });
});

describe("readAwayDays: whole days in the member's zone", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  it("from the start of the first day to the start of the day after the last", () => {
    expect(readAwayDays({ from: "2026-12-08", until: "2026-12-12" }, "Europe/Berlin", now)).toEqual({
      ok: true,
      awayFrom: new Date("2026-12-07T23:00:00Z"),
      awayUntil: new Date("2026-12-12T23:00:00Z"),
    });
    expect(lastDayAway(new Date("2026-12-12T23:00:00Z"), "Europe/Berlin")).toBe("12 Dec");
  });
  it("refuses a last day before the first, a period already over, one too long, and dates that are not dates", () => {
    expect(readAwayDays({ from: "2026-12-08", until: "2026-12-07" }, "UTC", now)).toMatchObject({ ok: false, field: "until" });
    expect(readAwayDays({ from: "2026-11-01", until: "2026-11-30" }, "UTC", now)).toMatchObject({
      ok: false,
      field: "until",
      message: "That period is over: give a last day from today on.",
    });
    expect(readAwayDays({ from: "2026-12-08", until: "2028-12-08" }, "UTC", now)).toMatchObject({ ok: false, field: "until" });
    expect(readAwayDays({ from: "2026-02-30", until: "2026-12-08" }, "UTC", now)).toMatchObject({ ok: false, field: "from" });
  });
  it("takes a period that began before today, while it lasts", () => {
    expect(readAwayDays({ from: "2026-11-28", until: "2026-12-01" }, "UTC", now)).toMatchObject({ ok: true });
  });
});
