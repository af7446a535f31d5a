import { describe, expect, it } from "vitest";
import { z } from "zod";
import { decodeCursor, encodeCursor, listQuerySchema } from "./pagination";

const schema = listQuerySchema(z.tuple([z.string(), z.uuid()]), { defaultLimit: 20, maxLimit: 50 });

describe("list query and cursors", () => {
  it("round-trips a cursor and applies defaults", () => {
    const id = "4f9c2d0e-8a55-4a3a-9f0e-2b7f6f6f0a11";
    const cursor = encodeCursor(["2024-01-01T00:00:00.000Z", id]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(["2024-01-01T00:00:00.000Z", id]);
    expect(schema.parse({ cursor, q: "  x " })).toEqual({
      q: "x",
      cursor: ["2024-01-01T00:00:00.000Z", id],
      limit: 20,
    });
    expect(schema.parse({ q: "  " })).toEqual({ limit: 20 });
  });

  it("rejects forged cursors and bad limits with the parameter named", () => {
    for (const query of [
      { cursor: "%%%" },
      { cursor: encodeCursor(["x", "not-a-uuid"]) },
      // Text PostgreSQL cannot store, smuggled inside a cursor.
      { cursor: encodeCursor(["2024-01-01T00:00:00.000Z\u0000", "4f9c2d0e-8a55-4a3a-9f0e-2b7f6f6f0a11"]) },
      { limit: "0" },
      { limit: "51" },
      { limit: "ten" },
    ]) {
      const parsed = schema.safeParse(query);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.path).toEqual([Object.keys(query)[0]]);
    }
  });
});
