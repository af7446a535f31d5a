import { finished } from "node:stream/promises";
import { CsvError as CsvParseError, type Info, type Options, parse } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";

/**
 * Reading CSV with csv-parse (RFC 4180, streaming): bytes go in chunk by chunk, complete
 * records come out in batches, so a file of any size is read in constant memory. Quoted
 * values may hold the delimiter, escaped quotes ("") and line breaks; CRLF, LF and lone CR
 * end lines (also split across chunks); a UTF-8 byte order mark is skipped; "," or ";" is
 * the delimiter, detected on the header line when not given. Blank lines are skipped and
 * rows may have any number of cells (the importer reports a ragged row, not the file).
 *
 * Lenient where files in the wild break the RFC: a quote inside an unquoted value is kept
 * as a character, and so is a quote closing a value followed by more text (`"a"b` reads
 * as `"a"b`). A file that ends inside a quoted value yields the text after the last
 * complete record as its last record (closed where the file ends) and sets
 * `endedInsideQuotes`; a record of more than `maxRecordBytes` UTF-8 bytes (the usual sign
 * of a quote that is never closed) throws CsvError rather than reading the rest of the file into memory.
 */

export type CsvDelimiter = "," | ";";

export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CsvError";
  }
}

export const DEFAULT_MAX_RECORD_BYTES = 1_000_000;

/** The delimiter of a header line: the one of "," and ";" seen more often outside quotes ("," on a tie). */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === ",") commas++;
    else if (!quoted && char === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

function parserOptions(delimiter: CsvDelimiter, maxRecordBytes: number): Options {
  return {
    delimiter,
    record_delimiter: ["\r\n", "\n", "\r"],
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: maxRecordBytes,
  };
}

/** All records of a text (for files already in memory, e.g. an export read back in a test). */
export function parseCsvText(text: string, delimiter?: CsvDelimiter): string[][] {
  const headerLine = text.split(/[\r\n]/, 1)[0] ?? "";
  return parseSync(text, parserOptions(delimiter ?? detectDelimiter(headerLine), DEFAULT_MAX_RECORD_BYTES));
}

type RecordWithInfo = { record: string[]; info: Info };

export class CsvReader {
  private delimiterValue: CsvDelimiter | undefined;
  private readonly maxRecordBytes: number;
  /** Records read so far (blank lines not counted). */
  recordCount = 0;
  /** The input ended inside a quoted value: the last record is probably cut. */
  endedInsideQuotes = false;

  constructor(options: { delimiter?: CsvDelimiter; maxRecordBytes?: number } = {}) {
    this.delimiterValue = options.delimiter;
    this.maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  }

  /** The delimiter given, or detected once the header line has been read. */
  get delimiter(): CsvDelimiter | undefined {
    return this.delimiterValue;
  }

  /**
   * Records of a byte stream, in batches (one per chunk read). Bytes are decoded as UTF-8;
   * invalid UTF-8 throws CsvError (the file is in another encoding).
   */
  async *records(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<string[][]> {
    let parser: ReturnType<typeof parse> | undefined;
    let batch: string[][] = [];
    let failure: unknown;
    // The bytes after the last complete record: what a file cut inside quotes ends with.
    const tail = new ByteTail();
    let head = "";
    const write = (text: string) => {
      if (!parser) {
        parser = parse({ ...parserOptions(this.delimiterValue ?? ",", this.maxRecordBytes), info: true });
        // csv-parse works synchronously: a write emits the records it completes before returning.
        parser.on("data", ({ record, info }: RecordWithInfo) => {
          this.recordCount++;
          batch.push(record);
          tail.dropBefore(info.bytes);
        });
        parser.on("error", (error) => {
          failure ??= error;
        });
      }
      const chunk = Buffer.from(text);
      tail.push(chunk);
      parser.write(chunk);
    };
    const feed = (text: string) => {
      if (this.delimiterValue === undefined) {
        // The delimiter is detected on the header line: text waits until it is complete.
        head += text;
        const lineEnd = head.search(/[\r\n]/);
        if (lineEnd < 0) {
          // Characters, not bytes: a bound on what waits here, no more exact than that.
          if (head.length > this.maxRecordBytes) throw new CsvError("The header line is too long");
          return;
        }
        this.delimiterValue = detectDelimiter(head.slice(0, lineEnd).replace(/^\uFEFF/, ""));
        text = head;
        head = "";
      }
      write(text);
    };
    const takeBatch = () => {
      const out = batch;
      batch = [];
      return out;
    };

    for await (const text of decodeUtf8(bytes)) {
      if (failure) break;
      feed(text);
      if (batch.length) yield takeBatch();
    }
    if (this.delimiterValue === undefined) this.delimiterValue = detectDelimiter(head.replace(/^\uFEFF/, ""));
    if (head || !parser) write(head);
    parser?.end();
    if (parser) await finished(parser).catch(() => {});
    if (failure) {
      if (!(failure instanceof CsvParseError) || failure.code !== "CSV_QUOTE_NOT_CLOSED") throw this.readError(failure);
      this.endedInsideQuotes = true;
      // The cut record: the rest of the file, its quote closed where the file ends.
      const cut = parseSync(`${tail.text()}"`, parserOptions(this.delimiterValue, Number.MAX_SAFE_INTEGER));
      this.recordCount += cut.length;
      batch.push(...cut);
    }
    if (batch.length) yield takeBatch();
  }

  private readError(error: unknown): Error {
    if (!(error instanceof CsvParseError)) return error as Error;
    if (error.code === "CSV_MAX_RECORD_SIZE") {
      return new CsvError(
        `Record ${this.recordCount + 1} is larger than ${this.maxRecordBytes.toLocaleString("en-US")} bytes: is a quote (") never closed?`,
      );
    }
    return new CsvError(`Record ${this.recordCount + 1} cannot be read: ${error.message}`);
  }
}

/** The bytes written to a parser from an offset on (older chunks are let go). */
class ByteTail {
  private chunks: Buffer[] = [];
  /** The offset of the first byte of chunks[0] in the whole input. */
  private start = 0;

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  dropBefore(offset: number): void {
    while (this.chunks[0] && this.start + this.chunks[0].length <= offset) {
      this.start += this.chunks[0].length;
      this.chunks.shift();
    }
    if (this.chunks[0] && offset > this.start) {
      this.chunks[0] = this.chunks[0].subarray(offset - this.start);
      this.start = offset;
    }
  }

  text(): string {
    return Buffer.concat(this.chunks).toString("utf8");
  }
}

/** UTF-8 text of a byte stream, chunk by chunk; anything else throws CsvError. */
async function* decodeUtf8(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new CsvError("The file is not UTF-8 text: save it as “CSV UTF-8” and try again");
    }
  };
  for await (const chunk of bytes) {
    const text = decode(chunk);
    if (text) yield text;
  }
  const rest = decode();
  if (rest) yield rest;
}

/** Records of a byte stream, in batches; the reader tells the delimiter and whether the file was cut. */
export function readCsvRecords(
  bytes: AsyncIterable<Uint8Array>,
  reader: CsvReader = new CsvReader(),
): AsyncGenerator<string[][]> {
  return reader.records(bytes);
}
