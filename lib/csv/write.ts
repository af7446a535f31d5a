/**
 * Writing CSV (RFC 4180, comma-separated, CRLF line ends): a value is quoted when it holds
 * a comma, a quote, a line break or leading/trailing blanks, with quotes doubled. Values
 * that a spreadsheet would run as a formula (=, +, -, @ first, phone numbers excepted) are
 * prefixed with a single quote, so an exported file cannot attack whoever opens it.
 */

export type CsvValue = string | number | boolean | Date | null | undefined | readonly string[];

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
/** =, @, tab or CR first; + or - first unless the rest is a number or phone number ("+1 555 0100"). */
const FORMULA_START = /^(?:[=@\t\r]|[+-](?![\d\s().-]*$))/;

/** One value as CSV text; lists are joined with ";", dates written in ISO 8601. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text: string;
  if (value instanceof Date) text = value.toISOString();
  else if (Array.isArray(value)) text = value.join(";");
  else if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  else text = String(value);
  // Negative numbers arrive as numbers (above); text starting with "-" may be a formula.
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record as a CSV line, CRLF included. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/**
 * A streamed CSV answer: the header line, then the lines of each batch `batches` yields.
 * Pulled by the client (backpressure): a batch is read only when the previous one was sent.
 */
export function csvResponse(
  fileName: string,
  header: readonly string[],
  batches: AsyncIterable<readonly (readonly CsvValue[])[]>,
): Response {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      // A BOM, so Excel reads the file as UTF-8.
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}`));
    },
    async pull(controller) {
      try {
        const { value, done } = await iterator.next();
        if (done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(value.map(csvLine).join("")));
      } catch (error) {
        console.error("CSV export failed:", error);
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName.replace(/[^\w.-]+/g, "-")}"`,
      "Cache-Control": "no-store",
    },
  });
}
