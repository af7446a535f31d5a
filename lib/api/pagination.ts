import { z } from "zod";
import { unstorableTextIssues } from "@/lib/segments/engine/storable-text";

/**
 * Cursor pagination for list endpoints (`?q=&cursor=&limit=`): the cursor is an opaque,
 * URL-safe token holding the sort key of the last row served (keyset pagination: stable
 * while rows are added, and as fast on page 1,000 as on page 1).
 */
export type CursorKey = readonly (string | number | null)[];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

/** The key in a cursor, or undefined when the text is not a cursor we made. */
export function decodeCursor(cursor: string): unknown[] | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    // A forged cursor must not carry text PostgreSQL cannot store into the page query.
    return Array.isArray(value) && unstorableTextIssues(value).length === 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

export const SEARCH_MAX = 200;

/**
 * `q`, `cursor` and `limit` of a list endpoint. `key` checks what the cursor holds (e.g.
 * a tuple of an ISO date and a UUID), so a forged cursor is a 400, never a 500.
 */
export function listQuerySchema<K extends z.ZodType>(
  key: K,
  { defaultLimit = 50, maxLimit = 100 }: { defaultLimit?: number; maxLimit?: number } = {},
) {
  return z.object({
    q: z
      .string()
      .trim()
      .max(SEARCH_MAX, `At most ${SEARCH_MAX} characters`)
      .optional()
      .transform((q) => q || undefined),
    cursor: z
      .string()
      .optional()
      .transform((cursor, ctx): z.output<K> | undefined => {
        if (!cursor) return undefined;
        const parsed = key.safeParse(decodeCursor(cursor));
        if (parsed.success) return parsed.data;
        ctx.addIssue({ code: "custom", message: "Invalid cursor: pass the nextCursor of the previous page as it is" });
        return z.NEVER;
      }),
    limit: z.coerce
      .number({ error: `Expected a whole number from 1 to ${maxLimit}` })
      .int(`Expected a whole number from 1 to ${maxLimit}`)
      .min(1, `Expected a whole number from 1 to ${maxLimit}`)
      .max(maxLimit, `At most ${maxLimit}`)
      .default(defaultLimit),
  });
}
