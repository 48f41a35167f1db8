import { describe, expect, it } from "vitest";
import { checkRouteForm, routeErrorsBySlot } from "~/modules/approvals/route-form";

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
});
