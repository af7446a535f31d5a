import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  LONE_SURROGATE_MESSAGE,
  NUL_MESSAGE,
  rejectUnstorableText,
  stripUnstorableText,
  unstorableTextIssues,
  unstorableTextMessage,
} from "./storable-text";

describe("unstorableTextMessage", () => {
  it("accepts ordinary text, emoji and other surrogate pairs", () => {
    for (const text of ["", "Ada", "Zoë", "日本", "😀 ok", "\ud83d\ude00"])
      expect(unstorableTextMessage(text)).toBeUndefined();
  });

  it("refuses NUL and lone surrogates", () => {
    expect(unstorableTextMessage("a\u0000b")).toBe(NUL_MESSAGE);
    expect(unstorableTextMessage("\u0000")).toBe(NUL_MESSAGE);
    expect(unstorableTextMessage("a\ud800")).toBe(LONE_SURROGATE_MESSAGE);
    expect(unstorableTextMessage("\udc00a")).toBe(LONE_SURROGATE_MESSAGE);
    expect(unstorableTextMessage("\ude00\ud83d")).toBe(LONE_SURROGATE_MESSAGE);
  });
});

describe("unstorableTextIssues", () => {
  it("walks lists and objects, keys included, and reports each path", () => {
    const value = {
      ok: "fine",
      bad: "x\u0000",
      list: ["a", "\ud800"],
      nested: { "k\u0000": 1, n: 2, deep: [{ s: "\u0000" }] },
    };
    expect(unstorableTextIssues(value)).toEqual([
      { path: ["bad"], message: NUL_MESSAGE },
      { path: ["list", 1], message: LONE_SURROGATE_MESSAGE },
      { path: ["nested", "k\u0000"], message: `the name ${NUL_MESSAGE}` },
      { path: ["nested", "deep", 0, "s"], message: NUL_MESSAGE },
    ]);
  });

  it("ignores numbers, booleans, null, dates", () => {
    expect(unstorableTextIssues([1, true, null, new Date(), undefined])).toEqual([]);
  });

  it("reports at most 20 issues for a hostile document, without recursion", () => {
    expect(unstorableTextIssues(Array.from({ length: 10_000 }, () => "\u0000"))).toHaveLength(20);
    let deep: unknown = "\u0000";
    for (let i = 0; i < 5_000; i++) deep = [deep];
    expect(unstorableTextIssues(deep)).toHaveLength(1);
  });
});

describe("rejectUnstorableText", () => {
  it("gives zod issues at the value's path", () => {
    const schema = z.object({
      name: z.string().trim().superRefine(rejectUnstorableText),
      tags: z.array(z.string()).superRefine(rejectUnstorableText),
    });
    const result = schema.safeParse({ name: " a\u0000 ", tags: ["x", "y\u0000"] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["name", NUL_MESSAGE],
      ["tags.1", NUL_MESSAGE],
    ]);
    expect(schema.safeParse({ name: "Ada", tags: ["x"] }).success).toBe(true);
  });
});

describe("stripUnstorableText", () => {
  it("removes NUL and lone surrogates, keeps the rest", () => {
    expect(stripUnstorableText("a\u0000b\ud800c\ud83d\ude00")).toBe("abc\ud83d\ude00");
    expect(stripUnstorableText("\u0000")).toBe("");
  });
});
