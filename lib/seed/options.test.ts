import { describe, expect, it } from "vitest";
import { parseSeedArgs, SeedUsageError } from "./options";

describe("parseSeedArgs", () => {
  it("defaults to the demo: 3 companies x 10,000 contacts, 10 events per contact", () => {
    expect(parseSeedArgs([])).toEqual({
      contacts: 10_000,
      events: 100_000,
      companies: 3,
      reset: false,
      now: undefined,
    });
  });

  it("reads sizes in either flag style, with digit separators", () => {
    expect(
      parseSeedArgs(["--contacts", "1_000_000", "--events=10,000,000", "--companies", "1", "--reset"]),
    ).toMatchObject({
      contacts: 1_000_000,
      events: 10_000_000,
      companies: 1,
      reset: true,
    });
    expect(parseSeedArgs(["--contacts", "1e5"])).toMatchObject({ contacts: 100_000, events: 1_000_000 });
  });

  it("allows companies and users only", () => {
    expect(parseSeedArgs(["--contacts", "0", "--events", "0"])).toMatchObject({ contacts: 0, events: 0 });
    expect(parseSeedArgs(["--contacts", "0"])).toMatchObject({ contacts: 0, events: 0 });
  });

  it("takes a fixed end time", () => {
    const options = parseSeedArgs(["--now", "2026-07-15T12:00:00Z"]);
    expect(options !== "help" && options.now?.toISOString()).toBe("2026-07-15T12:00:00.000Z");
  });

  it.each([
    [["--contacts"], "--contacts needs a number"],
    [["--contacts", "--reset"], "--contacts needs a number"],
    [["--contacts", "-5"], "whole number"],
    [["--events", "1.5"], "whole number"],
    [["--companies", "0"], "at least 1"],
    [["--contacts", "0", "--events", "10"], "--events needs contacts"],
    [["--now", "yesterday"], "ISO time"],
    [["--contact", "5"], 'unknown option "--contact"'],
  ])("rejects %j with a clear message", (argv, message) => {
    expect(() => parseSeedArgs(argv)).toThrow(SeedUsageError);
    expect(() => parseSeedArgs(argv)).toThrow(message);
  });

  it("asks for help", () => {
    expect(parseSeedArgs(["--help"])).toBe("help");
  });
});
