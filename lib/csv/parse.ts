/**
 * A streaming CSV reader (RFC 4180, read leniently): text goes in chunk by chunk, complete
 * records come out, so a file of any size is read in constant memory. It handles quoted
 * values with the delimiter, escaped quotes ("") and line breaks inside them; CRLF, LF or
 * CR line ends (also split across chunks); a UTF-8 byte order mark; and "," or ";" as the
 * delimiter, detected on the header line when not given. Blank lines are skipped.
 *
 * Lenient where files in the wild break the RFC: a quote inside an unquoted value is kept
 * as a character, text after a closing quote is appended to the value. A file that ends
 * inside a quoted value yields what it read as the last record and sets
 * `endedInsideQuotes`; a value that grows beyond `maxValueLength` (the usual sign of a
 * quote that is never closed) throws CsvError rather than reading the rest of the file
 * into memory.
 */

export type CsvDelimiter = "," | ";";

export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CsvError";
  }
}

export const DEFAULT_MAX_VALUE_LENGTH = 1_000_000;

enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote was seen inside a quoted value: an escaped quote or the closing one. */
  QuoteInQuoted,
}

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

export class CsvParser {
  private delimiterValue: CsvDelimiter | undefined;
  private readonly maxValueLength: number;
  private started = false;
  /** Text held back until the header line is complete (to detect the delimiter). */
  private head = "";
  private state = State.FieldStart;
  private field = "";
  private record: string[] = [];
  /** The previous chunk ended with CR: a LF at the start of the next one belongs to it. */
  private skipLineFeed = false;
  private ended = false;
  /** Records returned so far (blank lines not counted). */
  recordCount = 0;
  /** The input ended inside a quoted value: the last record is probably cut. */
  endedInsideQuotes = false;

  constructor(options: { delimiter?: CsvDelimiter; maxValueLength?: number } = {}) {
    this.delimiterValue = options.delimiter;
    this.maxValueLength = options.maxValueLength ?? DEFAULT_MAX_VALUE_LENGTH;
  }

  get delimiter(): CsvDelimiter | undefined {
    return this.delimiterValue;
  }

  /** The records completed by this chunk. */
  push(chunk: string): string[][] {
    if (this.ended) throw new Error("CsvParser: push after end");
    let text = chunk;
    if (!this.started) {
      if (text.length === 0) return [];
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.delimiterValue === undefined) {
      this.head += text;
      const lineEnd = this.head.search(/[\r\n]/);
      if (lineEnd < 0) {
        if (this.head.length > this.maxValueLength) throw new CsvError("The header line is too long");
        return [];
      }
      this.delimiterValue = detectDelimiter(this.head.slice(0, lineEnd));
      text = this.head;
      this.head = "";
    }
    const out: string[][] = [];
    this.consume(text, out);
    return out;
  }

  /** The last record, if the input did not end with a line break. */
  end(): string[][] {
    if (this.ended) return [];
    const out: string[][] = [];
    if (this.delimiterValue === undefined) {
      this.delimiterValue = detectDelimiter(this.head);
      this.consume(this.head, out);
      this.head = "";
    }
    this.ended = true;
    if (this.state === State.Quoted) this.endedInsideQuotes = true;
    if (this.state !== State.FieldStart || this.field !== "" || this.record.length > 0) this.endRecord(out);
    return out;
  }

  private consume(text: string, out: string[][]): void {
    const delimiter = this.delimiterValue as CsvDelimiter;
    const n = text.length;
    let i = 0;
    if (this.skipLineFeed && n > 0) {
      this.skipLineFeed = false;
      if (text[0] === "\n") i = 1;
    }
    while (i < n) {
      if (this.state === State.Quoted) {
        const quote = text.indexOf('"', i);
        const end = quote < 0 ? n : quote;
        this.append(text.slice(i, end));
        if (quote < 0) return;
        i = quote + 1;
        this.state = State.QuoteInQuoted;
        continue;
      }
      if (this.state === State.QuoteInQuoted) {
        if (text[i] === '"') {
          this.append('"');
          i++;
          this.state = State.Quoted;
          continue;
        }
        // The closing quote: what follows up to the delimiter is read as unquoted text.
        this.state = State.Unquoted;
      }
      const char = text[i];
      if (char === delimiter) {
        this.endField();
        i++;
      } else if (char === "\n" || char === "\r") {
        this.endRecord(out);
        i++;
        if (char === "\r") {
          if (i < n) {
            if (text[i] === "\n") i++;
          } else {
            this.skipLineFeed = true;
          }
        }
      } else if (char === '"' && this.state === State.FieldStart) {
        this.state = State.Quoted;
        i++;
      } else {
        let j = i + 1;
        while (j < n) {
          const c = text[j];
          if (c === delimiter || c === "\n" || c === "\r") break;
          j++;
        }
        this.append(text.slice(i, j));
        this.state = State.Unquoted;
        i = j;
      }
    }
  }

  private append(text: string): void {
    this.field += text;
    if (this.field.length > this.maxValueLength) {
      throw new CsvError(
        `Record ${this.recordCount + 1} has a value longer than ${this.maxValueLength.toLocaleString("en-US")} characters: is a quote (") never closed?`,
      );
    }
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = "";
    this.state = State.FieldStart;
  }

  private endRecord(out: string[][]): void {
    this.endField();
    const record = this.record;
    this.record = [];
    // A blank line is no record.
    if (record.length === 1 && record[0] === "") return;
    this.recordCount++;
    out.push(record);
  }
}

/**
 * Records of a byte stream, in batches (one per chunk read). Bytes are decoded as UTF-8;
 * invalid UTF-8 throws CsvError (the file is in another encoding).
 */
export async function* readCsvRecords(
  bytes: AsyncIterable<Uint8Array>,
  parser: CsvParser = new CsvParser(),
): AsyncGenerator<string[][]> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new CsvError("The file is not UTF-8 text: save it as “CSV UTF-8” and try again");
    }
  };
  for await (const chunk of bytes) {
    const records = parser.push(decode(chunk));
    if (records.length) yield records;
  }
  const last = [...parser.push(decode()), ...parser.end()];
  if (last.length) yield last;
}
