import { describe, expect, it } from "vitest";
import { commentSchema } from "~/modules/approvals/schemas";
import { decodePin, encodePin, numberPins, pinAt, pinName, pinProblem, pinViews, regionOf, REGIONS } from "~/modules/approvals/pins";

const IMG = "a".repeat(32);
const OTHER = "b".repeat(32);

describe("regionOf (a 3×3 grid over the image)", () => {
  it("names the nine regions, corners and edges included", () => {
    expect(regionOf(0, 0)).toBe("top left");
    expect(regionOf(5_000, 0)).toBe("top");
    expect(regionOf(10_000, 0)).toBe("top right");
    expect(regionOf(0, 5_000)).toBe("left");
    expect(regionOf(5_000, 5_000)).toBe("centre");
    expect(regionOf(10_000, 5_000)).toBe("right");
    expect(regionOf(0, 10_000)).toBe("bottom left");
    expect(regionOf(5_000, 10_000)).toBe("bottom");
    expect(regionOf(10_000, 10_000)).toBe("bottom right");
  });

  it("splits at the thirds", () => {
    expect(regionOf(3_333, 3_333)).toBe("top left");
    expect(regionOf(3_334, 3_334)).toBe("centre");
    expect(regionOf(6_666, 6_666)).toBe("centre");
    expect(regionOf(6_667, 6_667)).toBe("bottom right");
  });

  it("gives each region a centre that lies in that region (the keyboard path posts it)", () => {
    expect(REGIONS).toHaveLength(9);
    expect(new Set(REGIONS.map((r) => r.label)).size).toBe(9);
    for (const r of REGIONS) expect(regionOf(r.x, r.y)).toBe(r.label);
  });
});

describe("pinProblem", () => {
  it("accepts a spot of an image of the version, edges included", () => {
    expect(pinProblem({ fileId: IMG, x: 0, y: 10_000 }, [IMG])).toBeNull();
  });

  it("refuses a spot outside the image or not a whole number", () => {
    for (const [x, y] of [
      [-1, 5],
      [5, 10_001],
      [Number.NaN, 5],
      [1.5, 2],
    ])
      expect(pinProblem({ fileId: IMG, x, y }, [IMG])?.pin?.[0]).toMatch(/inside the image/);
  });

  it("refuses a file that is not one of the version's images", () => {
    expect(pinProblem({ fileId: OTHER, x: 5, y: 5 }, [IMG])?.pin?.[0]).toMatch(/image of this version/);
    expect(pinProblem({ fileId: IMG, x: 5, y: 5 }, [])?.pin?.[0]).toMatch(/image of this version/);
  });
});

describe("numberPins (per reader)", () => {
  const c = (id: string, pinned: boolean) => ({ id, pinFileId: pinned ? IMG : null });

  it("numbers the pinned comments 1..n in order and skips unpinned ones", () => {
    expect([...numberPins([c("a", true), c("b", false), c("c", true)])]).toEqual([
      ["a", 1],
      ["c", 2],
    ]);
  });

  it("counts only what it is given, so a reader without the internal ones sees no gap", () => {
    const team = [c("a", true), c("internal", true), c("b", true)];
    const creator = team.filter((x) => x.id !== "internal");
    expect(numberPins(team).get("b")).toBe(3);
    expect(numberPins(creator).get("b")).toBe(2);
  });

  it("builds the spoken name and the region of each pin", () => {
    const views = pinViews([{ id: "a", pinFileId: IMG, pinX: 9_000, pinY: 1_000 }], () => "photo.png");
    expect(views.get("a")).toMatchObject({ number: 1, region: "top right", name: "Pin 1, top right of photo.png" });
    expect(pinName(2, { x: 5_000, y: 5_000 }, "a.jpg")).toBe("Pin 2, centre of a.jpg");
  });
});

describe("the pin field", () => {
  it("round-trips a pin and refuses anything else", () => {
    expect(decodePin(encodePin({ fileId: IMG, x: 12, y: 10_000 }))).toEqual({ fileId: IMG, x: 12, y: 10_000 });
    for (const bad of ["", `${IMG}:1`, `${IMG}:NaN:2`, `${IMG}:1:2:3`, `${IMG}:-1:2`, `${IMG}:1e3:2`, "x:1:2", `${IMG}\u0000:1:2`])
      expect(decodePin(bad)).toBeNull();
  });

  it("is optional in the comment form; empty is no pin; junk is refused with a message", () => {
    const base = { version: "1", body: "Hi" };
    expect(commentSchema.parse(base).pin).toBeUndefined();
    expect(commentSchema.parse({ ...base, pin: "" }).pin).toBeNull();
    expect(commentSchema.parse({ ...base, pin: `${IMG}:5:6` }).pin).toEqual({ fileId: IMG, x: 5, y: 6 });
    const bad = commentSchema.safeParse({ ...base, pin: `${IMG}:NaN:6` });
    expect(bad.success ? null : bad.error.issues[0].message).toMatch(/Pin to/);
  });

  it("keeps a click inside the image", () => {
    expect(pinAt(50, 25, 100, 100)).toEqual({ x: 5_000, y: 2_500 });
    expect(pinAt(-3, 120, 100, 100)).toEqual({ x: 0, y: 10_000 });
    expect(pinAt(10, 10, 0, 0)).toEqual({ x: 5_000, y: 5_000 });
  });
});
