import { describe, expect, it } from "vitest";
import { parseEmailCsv } from "./csv-emails";

describe("parseEmailCsv", () => {
  it("reads the email column under its header, dropping duplicates and reporting invalid cells", () => {
    const csv = 'name,Email\n"Doe, Jane",Jane@Example.com\nBob,bob@example.com\nX,not-an-email\nY,jane@example.com\n\n';
    expect(parseEmailCsv(csv)).toEqual({ emails: ["jane@example.com", "bob@example.com"], invalid: ["not-an-email"] });
  });

  it("takes a headerless list of emails, one per line, with a BOM and CRLF", () => {
    expect(parseEmailCsv("\uFEFFa@x.io\r\nb@x.io\r\n")).toEqual({ emails: ["a@x.io", "b@x.io"], invalid: [] });
  });

  it("finds the email column without a known header, and accepts semicolons", () => {
    expect(parseEmailCsv("Contact;Who\nAnn;ann@x.io\nBen;ben@x.io")).toEqual({
      emails: ["ann@x.io", "ben@x.io"],
      invalid: [],
    });
  });

  it("reads line by line: a line break quoted in another column shows as an invalid cell, never a wrong email", () => {
    expect(parseEmailCsv('email,note\na@x.io,"first\nsecond"\nb@x.io,x\n')).toEqual({
      emails: ["a@x.io", "b@x.io"],
      invalid: ["second"],
    });
  });

  it("gives nothing for an empty file", () => {
    expect(parseEmailCsv("")).toEqual({ emails: [], invalid: [] });
  });
});
