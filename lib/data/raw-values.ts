/** Raw SQL rows give timestamps as Date (pg) or ISO text (PGlite): one Date either way. */
export function toDate(value: Date | string | null): Date | null {
  if (value === null) return null;
  return value instanceof Date ? value : new Date(value);
}
