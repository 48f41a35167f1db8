import { describe, expect, it } from "vitest";
import { renderEmail } from "@emails/render";
import MonthlyReportEmail from "@emails/monthly-report";

/** The monthly report (issue 16, part 6) must read in full where images are held back: it has none. */
describe("the monthly report email", () => {
  const props = MonthlyReportEmail.PreviewProps;

  it("shows no image, not even the workspace's logo, and names the workspace in text instead", async () => {
    const { html, text } = await renderEmail("monthly-report", {
      ...props,
      workspace: { ...props.workspace, logoUrl: "https://cdn.example.com/logo.png" },
    });
    expect(html).not.toMatch(/<img/i);
    expect(text).toContain(props.workspace.name);
  });

  it("lays the figures out as tables with inline styles, every agency after the brand's total", async () => {
    const { html, text } = await renderEmail("monthly-report", props);
    expect(html).not.toMatch(/<style|<link/i);
    expect((html.match(/<table/g) ?? []).length).toBeGreaterThan(props.agencies.length);
    const upper = text.toUpperCase();
    expect(upper.indexOf("ALL AGENCIES")).toBeLessThan(upper.indexOf("KITE CREATIVE"));
    expect(upper.indexOf("KITE CREATIVE")).toBeLessThan(upper.indexOf("NORTHWIND SOCIAL"));
    for (const line of props.summary) expect(text).toContain(line.value);
  });

  it("says so when no agency handed anything over", async () => {
    const { text } = await renderEmail("monthly-report", { ...props, agencies: [] });
    expect(text).toContain("No agency handed anything over for Lumen Skincare this month.");
  });
});
