/**
 * The emails of an uploaded CSV, read in the browser: the column headed "email" (any
 * case) when there is a header, else the first column that looks like emails. Quoted
 * fields, commas or semicolons as separators. Duplicates are dropped (case-insensitive);
 * cells that are not email addresses are reported.
 *
 * Not csv-parse (the server's reader, lib/csv/parse.ts): its browser build brings a Buffer
 * polyfill (~26 KB gzipped) into the builder for one column of emails, which hold no quotes
 * or line breaks; a line-by-line reader is enough and stays synchronous (a line break
 * quoted in another column shows as an invalid cell, never as a wrong email).
 */

export type ParsedEmails = { emails: string[]; invalid: string[] };

/** Deliberately simple: something@something.tld without spaces (the server decides whether it is a contact). */
export const EMAIL_PATTERN = /^[^\s@,;"]+@[^\s@,;"]+\.[^\s@,;"]+$/;

export const MAX_CSV_ROWS = 10_000;

export function parseEmailCsv(text: string): ParsedEmails {
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\n|\r/)
    .filter((line) => line.trim() !== "");
  if (lines.length === 0) return { emails: [], invalid: [] };
  const separator = lines[0]!.includes(";") && !lines[0]!.includes(",") ? ";" : ",";
  const rows = lines.map((line) => splitRow(line, separator));
  const header = rows[0]!.map((cell) => cell.trim().toLowerCase());
  let column = header.findIndex((cell) => cell === "email" || cell === "e-mail" || cell === "email address");
  let body = rows;
  if (column >= 0) body = rows.slice(1);
  else {
    const looksLikeEmail = (cell: string) => EMAIL_PATTERN.test(cell.trim());
    const inFirst = rows[0]!.findIndex(looksLikeEmail);
    column = Math.max(0, inFirst >= 0 ? inFirst : (rows[1]?.findIndex(looksLikeEmail) ?? 0));
    // A header we do not recognise (e.g. "Contact"): skip it if it is not an email itself.
    if (!EMAIL_PATTERN.test((rows[0]![column] ?? "").trim())) body = rows.slice(1);
  }
  const seen = new Set<string>();
  const emails: string[] = [];
  const invalid: string[] = [];
  for (const row of body.slice(0, MAX_CSV_ROWS)) {
    const cell = (row[column] ?? "").trim();
    if (!cell) continue;
    if (!EMAIL_PATTERN.test(cell)) {
      invalid.push(cell);
      continue;
    }
    const email = cell.toLowerCase();
    if (!seen.has(email)) {
      seen.add(email);
      emails.push(email);
    }
  }
  return { emails, invalid };
}

/** One CSV line into cells; double quotes enclose a cell, "" inside is a quote. */
function splitRow(line: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      cells.push(cell);
      cell = "";
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}
