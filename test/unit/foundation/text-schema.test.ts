import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { CONTROL_CHARACTER_MESSAGE, LONE_SURROGATE_MESSAGE, cleanText, text } from "~/utils/text-schema";

/** Security property 41: the one text schema every input uses. */
const field = text({ max: 50 });
const messagesOf = (result: z.SafeParseReturnType<unknown, unknown>) => (result.success ? [] : result.error.issues.map((i) => i.message));

describe("the shared text schema", () => {
  it("turns CRLF and CR into LF, and keeps tabs, line feeds and emoji", () => {
    expect(field.parse("one\r\ntwo\rthree\nfour")).toBe("one\ntwo\nthree\nfour");
    expect(field.parse("a\tb")).toBe("a\tb");
    expect(field.parse("launch 🚀 day")).toBe("launch 🚀 day");
    expect(cleanText().parse("  kept as typed\r\n")).toBe("  kept as typed\n");
  });

  it.each([
    ["NUL", "x\u0000y"],
    ["U+0001", "x\u0001y"],
    ["U+001F", "x\u001fy"],
    ["vertical tab", "x\u000by"],
    ["escape", "x\u001b[31m"],
    ["DEL", "x\u007fy"],
  ])("refuses %s with a message a person can act on", (_name, value) => {
    expect(messagesOf(field.safeParse(value))).toEqual([CONTROL_CHARACTER_MESSAGE]);
  });

  it.each([
    ["a lone high surrogate", "x\uD800y"],
    ["a lone high surrogate at the end", "x\uD83D"],
    ["a lone low surrogate", "x\uDC00y"],
    ["a swapped pair", "\uDE80\uD83D"],
  ])("refuses %s", (_name, value) => {
    expect(messagesOf(field.safeParse(value))).toEqual([LONE_SURROGATE_MESSAGE]);
  });

  it("refuses a control character even where the field would trim it away", () => {
    expect(messagesOf(field.safeParse("name\u0000"))).toEqual([CONTROL_CHARACTER_MESSAGE]);
  });

  it("still trims, measures and names missing or non-text values", () => {
    const name = text({ max: 5, min: 1, required: "Enter a name.", tooLong: "Too long." });
    expect(name.parse("  Ada  ")).toBe("Ada");
    expect(messagesOf(name.safeParse(undefined))).toEqual(["Enter a name."]);
    expect(messagesOf(name.safeParse(["a", "b"]))).toEqual(["Enter a name."]);
    expect(messagesOf(name.safeParse("   "))).toEqual(["Enter a name."]);
    expect(messagesOf(name.safeParse("abcdef"))).toEqual(["Too long."]);
    expect(text({ max: 5, trim: false }).parse(" a ")).toBe(" a ");
  });
});
