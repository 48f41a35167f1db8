import { describe, expect, it } from "vitest";
import { checkRouteForm, GUESTS_ON_SIGNOFF, routeErrorsBySlot } from "~/modules/approvals/route-form";

const ID = (n: number) => n.toString(16).padStart(32, "0");
const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

describe("the approval route editor's form", () => {
  it("reads filled stages by slot, leaves empty slots out, and puts back what was typed flat", () => {
    const checked = checkRouteForm(
      form([
        ["reviewHours", "24"],
        ["s1_name", "Legal"],
        ["s1_rule", "all"],
        ["s1_approvers", ID(1)],
        ["s1_approvers", ID(2)],
        ["signoffRule", "any"],
        ["signoffApprovers", ID(3)],
      ]),
    );
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.review).toEqual([{ name: "Legal", kind: "review", rule: "all", approverUserIds: [ID(1), ID(2)] }]);
    expect(checked.slotOfStage).toEqual([1]);
    expect(checked.values).toMatchObject({ s1_name: "Legal", s1_approvers: [ID(1), ID(2)], signoffApprovers: [ID(3)] });
  });

  it("says each problem on its stage's card: a stage without a name, a sign-off approver that is no id, the review time", () => {
    const checked = checkRouteForm(
      form([
        ["reviewHours", "0"],
        ["s0_approvers", ID(1)],
        ["signoffApprovers", "nope"],
      ]),
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toEqual({
      reviewHours: ["Give at least 1 hour."],
      signoff: ["Choose approvers from the list."],
      s0: ["Give the stage a name, e.g. “Agency review”."],
    });
  });

  it("maps the saved route's stage messages back to the slots they came from; the last stage is the sign-off", () => {
    expect(routeErrorsBySlot({ stage0: ["a"], stage1: ["b"], _form: ["c"] }, [2], 2)).toEqual({ s2: ["a"], signoff: ["b"], _form: ["c"] });
  });

  it("reads guest emails (lower case, one each) and the backup of a review stage", () => {
    const checked = checkRouteForm(
      form([
        ["reviewHours", "24"],
        ["s0_name", "Legal"],
        ["s0_guests", "Legal@Brand.example, regional@brand.example\nlegal@brand.example"],
        ["s0_backup", ID(4)],
        ["signoffApprovers", ID(3)],
        ["signoffBackup", ID(5)],
      ]),
    );
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.review).toEqual([{ name: "Legal", kind: "review", rule: "any", approverUserIds: [], backupUserId: ID(4) }]);
    expect(checked.guests).toEqual([["legal@brand.example", "regional@brand.example"]]);
    expect(checked.rest).toMatchObject({ signoffBackup: ID(5), signoffInvitees: [] });
  });

  it("puts each guest and backup message beside its field, and refuses guests on the brand sign-off", () => {
    const checked = checkRouteForm(
      form([
        ["reviewHours", "24"],
        ["s0_name", "Legal"],
        ["s0_guests", "legal@brand.example, not-an-email"],
        ["s0_backup", "nope"],
        ["signoffApprovers", ID(3)],
        ["signoffGuests", "boss@brand.example"],
        ["signoffBackup", "nope"],
      ]),
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toEqual({
      s0_guests: ["“not-an-email” is not an email address."],
      s0_backup: ["Choose the backup from the list."],
      signoff_backup: ["Choose the backup from the list."],
      signoff: [GUESTS_ON_SIGNOFF],
    });
  });

  it("a named stage needs an approver from the list or a guest", () => {
    const checked = checkRouteForm(
      form([
        ["reviewHours", "24"],
        ["s0_name", "Legal"],
        ["s0_guests", " "],
        ["signoffApprovers", ID(3)],
      ]),
    );
    expect(checked).toMatchObject({
      ok: false,
      errors: { s0: ['Add at least one approver to "Legal": choose from the list or name a guest by email.'] },
    });
  });

  it("maps a saved stage's backup and guest messages to their own fields", () => {
    expect(routeErrorsBySlot({ stage0_backup: ["a"], stage1_backup: ["b"], stage0_guests: ["c"] }, [3], 2)).toEqual({
      s3_backup: ["a"],
      signoff_backup: ["b"],
      s3_guests: ["c"],
    });
  });
});
