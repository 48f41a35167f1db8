import { describe, expect, it } from "vitest";
import { ROLES } from "@db/schema/roles";
import { navFor } from "~/modules/workspaces/navigation";
import { roleCan } from "~/modules/workspaces/permissions";

/**
 * Settings > Connections (issue 19) is linked from the workspace navigation, next to Custom
 * platforms, for exactly the roles with `connections.manage`; nobody else sees the link.
 */
describe("the Connections link", () => {
  for (const role of ROLES) {
    it(`${role}: shown only with connections.manage`, () => {
      const paths = navFor((p) => roleCan(role, p)).map((item) => item.path);
      expect(paths.includes("/settings/connections")).toBe(roleCan(role, "connections.manage"));
    });
  }

  it("sits right after Custom platforms", () => {
    const paths = navFor(() => true).map((item) => item.path);
    expect(paths.indexOf("/settings/connections")).toBe(paths.indexOf("/settings/platforms") + 1);
  });

  it("someone allowed to manage connections is shown it (the test above is not vacuous)", () => {
    expect(ROLES.filter((role) => roleCan(role, "connections.manage")).length).toBeGreaterThan(0);
    expect(ROLES.filter((role) => !roleCan(role, "connections.manage")).length).toBeGreaterThan(0);
  });
});
