import { describe, expect, it } from "vitest";
import { mostActive, shownBreakdowns } from "~/components/insights/page-model.server";
import type { InsightsReport } from "~/modules/insights/report";

/**
 * The page shows at most 25 rows of each breakdown (decision 055): the ones standing on the most
 * handoffs, in name order, with the full count for the note that points at the CSV.
 */
const row = (name: string, n: number) => ({
  id: `id-${name}`,
  name,
  values: { approval_cycle: { value: 1, n }, late_submissions: { value: 0, n } },
});

describe("breakdown rows on the page", () => {
  it("keeps every row, in the order given, while they fit", () => {
    const rows = [row("B", 1), row("A", 9)];
    expect(mostActive(rows, (r) => r.values.approval_cycle.n, 2)).toEqual({ rows, total: 2 });
  });

  it("keeps the most active when they do not, in name order, and says how many there are", () => {
    const rows = [row("Dee", 5), row("Ann", 1), row("Cal", 7), row("Bob", 7), row("Eve", 2)];
    const shown = mostActive(rows, (r) => r.values.approval_cycle.n, 3);
    expect(shown.total).toBe(5);
    expect(shown.rows.map((r) => r.name)).toEqual(["Bob", "Cal", "Dee"]);
  });

  it("weighs a row by every handoff it stands on, an approver by decisions and sign-offs", () => {
    const breakdowns = {
      brand: [],
      agency: [],
      // 30 creators: the weight is the sum of n over every figure (2n here).
      creator: Array.from({ length: 30 }, (_, i) => row(`Creator ${String(i).padStart(2, "0")}`, i)),
      approver: Array.from({ length: 26 }, (_, i) => ({
        id: `a${i}`,
        name: `Approver ${String(i).padStart(2, "0")}`,
        decisions: i === 0 ? 0 : 1,
        approvals: 0,
        changesRequested: 0,
        decisionTime: { count: 0, median: null, p90: null },
        signOffs: 0,
      })),
    } as unknown as InsightsReport["breakdowns"];
    const shown = shownBreakdowns(breakdowns);
    expect(shown.creator.total).toBe(30);
    expect(shown.creator.rows).toHaveLength(25);
    expect(shown.creator.rows[0].name).toBe("Creator 05");
    expect(shown.approver.rows).toHaveLength(25);
    expect(shown.approver.rows.map((a) => a.id)).not.toContain("a0");
    expect(shown.brand).toEqual({ rows: [], total: 0 });
  });
});
