import { describe, expect, it } from "vitest";
import { CsvError, CsvReader, detectDelimiter, parseCsvText, readCsvRecords } from "./parse";
import { csvCell, csvLine } from "./write";

/** Parses text fed in chunks of `size` bytes (every split point a stream may produce). */
async function parse(text: string, size?: number, options?: ConstructorParameters<typeof CsvReader>[0]) {
  const data = new TextEncoder().encode(text);
  const step = size ?? (data.length || 1);
  async function* chunks() {
    for (let i = 0; i < data.length; i += step) yield data.slice(i, i + step);
  }
  const reader = new CsvReader(options);
  const records: string[][] = [];
  for await (const batch of readCsvRecords(chunks(), reader)) records.push(...batch);
  return { records, parser: reader };
}

const chunkSizes = [1, 2, 3, 7, 1000];

describe("CsvReader", () => {
  it("reads plain records with CRLF, LF or CR line ends, whatever the chunking", async () => {
    for (const eol of ["\r\n", "\n", "\r"]) {
      const text = ["email,name", "a@x.com,Ann", "b@x.com,Bob"].join(eol) + eol;
      for (const size of chunkSizes) {
        expect((await parse(text, size)).records).toEqual([
          ["email", "name"],
          ["a@x.com", "Ann"],
          ["b@x.com", "Bob"],
        ]);
      }
    }
  });

  it("reads quoted values with delimiters, escaped quotes and line breaks", async () => {
    const text = 'email,note\r\na@x.com,"Hello, ""world""\r\nsecond line"\r\nb@x.com,""\r\n"c@x.com","x"\r\n';
    for (const size of chunkSizes) {
      expect((await parse(text, size)).records).toEqual([
        ["email", "note"],
        ["a@x.com", 'Hello, "world"\r\nsecond line'],
        ["b@x.com", ""],
        ["c@x.com", "x"],
      ]);
    }
  });

  it("keeps empty values, and the last record without a final line break", async () => {
    expect((await parse("a,b,c\n,,\n1,,3")).records).toEqual([
      ["a", "b", "c"],
      ["", "", ""],
      ["1", "", "3"],
    ]);
  });

  it("skips a UTF-8 byte order mark and blank lines", async () => {
    for (const size of chunkSizes) {
      expect((await parse("\uFEFFemail\n\na@x.com\n\n\n", size)).records).toEqual([["email"], ["a@x.com"]]);
    }
  });

  it("detects a semicolon delimiter on the header line, ignoring quoted ones", async () => {
    for (const size of chunkSizes) {
      const { records, parser } = await parse('email;name;"a,b,c"\na@x.com;"Doe, Ann";1,5\n', size);
      expect(parser.delimiter).toBe(";");
      expect(records).toEqual([
        ["email", "name", "a,b,c"],
        ["a@x.com", "Doe, Ann", "1,5"],
      ]);
    }
    expect(detectDelimiter("a,b;c")).toBe(",");
    expect(detectDelimiter('"a;b;c",d')).toBe(",");
    expect(detectDelimiter("a;b;c,d")).toBe(";");
    expect((await parse("email")).parser.delimiter).toBe(",");
  });

  it("reads leniently where files break the RFC: stray quotes are kept as characters", async () => {
    expect((await parse('a,b\nsay "hi",x\n"quoted"tail,y\n')).records).toEqual([
      ["a", "b"],
      ['say "hi"', "x"],
      // csv-parse (relax_quotes) keeps the quotes of a quoted value followed by more text.
      ['"quoted"tail', "y"],
    ]);
  });

  it("keeps a trailing delimiter as an empty last cell (a ragged row for the importer)", async () => {
    expect((await parse("a,b\n1,2,\n3\n")).records).toEqual([["a", "b"], ["1", "2", ""], ["3"]]);
  });

  it("reads lone CR line ends and line ends mixed in one file, whatever the chunking", async () => {
    for (const size of chunkSizes) {
      expect((await parse('a,b\r1,2\r\n3,"x\ry"\n4,5\r', size)).records).toEqual([
        ["a", "b"],
        ["1", "2"],
        ["3", "x\ry"],
        ["4", "5"],
      ]);
    }
  });

  it("flags a file that ends inside a quoted value, keeping the cut record", async () => {
    for (const size of chunkSizes) {
      const { records, parser } = await parse('a,b\n1,2\n3,"never closed\n4,5\n', size);
      expect(records).toEqual([
        ["a", "b"],
        ["1", "2"],
        ["3", "never closed\n4,5\n"],
      ]);
      expect(parser.endedInsideQuotes).toBe(true);
      expect(parser.recordCount).toBe(3);
    }
    // With a byte order mark (not part of any record) the cut record is the same.
    expect((await parse('\uFEFFa,b\n1,2\n3,"never closed\n4,5\n', 5)).records[2]).toEqual(["3", "never closed\n4,5\n"]);
    expect((await parse("a\n1\n")).parser.endedInsideQuotes).toBe(false);
  });

  it("refuses a value beyond the limit rather than reading the file into memory", async () => {
    await expect(parse(`a\n"${"x".repeat(50)}`, 10, { maxRecordBytes: 20 })).rejects.toThrow(
      new CsvError('Record 2 is larger than 20 bytes: is a quote (") never closed?'),
    );
    // The limit counts UTF-8 bytes: 12 characters of 2 bytes each are over 20.
    await expect(parse(`a\n${"é".repeat(12)}\n`, 7, { maxRecordBytes: 20 })).rejects.toThrow(/Record 2 is larger/);
    expect((await parse(`a\n${"é".repeat(10)}\n`, 7, { maxRecordBytes: 20 })).records).toHaveLength(2);
    await expect(parse("x".repeat(50), 10, { maxRecordBytes: 20 })).rejects.toThrow(
      new CsvError("The header line is too long"),
    );
  });

  it("gives nothing for an empty file", async () => {
    expect((await parse("")).records).toEqual([]);
    expect((await parse("\uFEFF")).records).toEqual([]);
    expect((await parse("\n\r\n")).records).toEqual([]);
  });

  it("counts records", async () => {
    expect((await parse("a\n1\n2\n")).parser.recordCount).toBe(3);
  });
});

describe("readCsvRecords", () => {
  async function* bytes(...chunks: Uint8Array[]) {
    yield* chunks;
  }

  it("decodes UTF-8 split across chunks", async () => {
    const data = new TextEncoder().encode("\uFEFFname\nZoë Ångström\n");
    const chunks = Array.from(data, (byte) => Uint8Array.of(byte));
    const records: string[][] = [];
    for await (const batch of readCsvRecords(bytes(...chunks))) records.push(...batch);
    expect(records).toEqual([["name"], ["Zoë Ångström"]]);
  });

  it("refuses bytes that are not UTF-8 with a clear message", async () => {
    const latin1 = Uint8Array.from([0x6e, 0x0a, 0x5a, 0x6f, 0xeb, 0x0a]); // "n\nZoë\n" in Latin-1
    await expect(async () => {
      for await (const _ of readCsvRecords(bytes(latin1))) {
        // drain
      }
    }).rejects.toThrow(/not UTF-8/);
  });
});

describe("csv writing", () => {
  it("quotes only what needs it and round-trips through the parser", async () => {
    const values = ["plain", "with,comma", 'say "hi"', "two\nlines", " padded ", "", "Zoë"];
    const line = csvLine(values);
    expect(line).toBe('plain,"with,comma","say ""hi""","two\nlines"," padded ",,Zoë\r\n');
    expect((await parse(`${line}`)).records).toEqual([values]);
    expect(parseCsvText(`h1,h2\r\n${line}`)).toEqual([["h1", "h2"], values]);
  });

  it("writes numbers, booleans, dates, lists and nothing", () => {
    expect(csvCell(42)).toBe("42");
    expect(csvCell(-1.5)).toBe("-1.5");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(new Date("2024-05-01T09:30:00Z"))).toBe("2024-05-01T09:30:00.000Z");
    expect(csvCell(["vip", "beta"])).toBe("vip;beta");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("defuses spreadsheet formulas but keeps phone numbers as they are", () => {
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("+1 (555) 010-0100")).toBe("+1 (555) 010-0100");
    expect(csvCell("-5")).toBe("-5");
  });
});
