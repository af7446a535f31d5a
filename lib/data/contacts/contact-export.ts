import "server-only";
import { sql } from "@prisma/client-runtime-utils";
import { CONTACT_TEXT_FIELDS } from "@/lib/contacts/schema";
import type { CsvValue } from "@/lib/csv/write";
import { listCustomFields } from "@/lib/data/contacts/custom-fields";
import { getDb } from "@/lib/db";
import { isUuid, NotFoundError } from "@/lib/errors";

/**
 * A segment's contacts for a CSV export: every contact column, tags and one column per
 * custom field (`customField.<key>`, the name the import maps back). Read a page at a time
 * with keyset pagination on the membership's primary key, so memory stays flat whatever
 * the segment's size and each page costs the same.
 */

/** Contact columns in export order; the header uses these names (what the import auto-maps). */
export const EXPORT_CONTACT_COLUMNS = [
  "id",
  "email",
  ...CONTACT_TEXT_FIELDS,
  "lifecycleStage",
  "subscriptionStatus",
  "leadScore",
  "engagementScore",
  "engagementTrend",
  "conversionLikelihood",
  "lastActivityAt",
  "lastOpenedAt",
  "lastClickedAt",
  "lastEmailSentAt",
  "lastOpenedDevice",
  "openedLastEmail",
  "preferredOpenHour",
  "preferredOpenDay",
  "tags",
  "createdAt",
  "updatedAt",
] as const;

export const EXPORT_PAGE_SIZE = 5_000;

export type SegmentExport = {
  segmentName: string;
  header: string[];
  /** Pages of rows in header order; nothing is read until iterated. */
  rows: AsyncIterable<CsvValue[][]>;
};

type ExportRow = Record<(typeof EXPORT_CONTACT_COLUMNS)[number], unknown> & { customFields: Record<string, unknown> };

/** NotFoundError when the segment is not this company's. */
export async function exportSegmentContacts(
  companyId: string,
  segmentId: string,
  options: { pageSize?: number } = {},
): Promise<SegmentExport> {
  if (!isUuid(companyId) || !isUuid(segmentId)) throw new NotFoundError("Segment not found");
  const db = await getDb();
  const segment = await db.segment.findUnique({
    where: { companyId_id: { companyId, id: segmentId } },
    select: { name: true },
  });
  if (!segment) throw new NotFoundError("Segment not found");
  const customKeys = (await listCustomFields(companyId)).map((field) => field.key).sort();
  const pageSize = options.pageSize ?? EXPORT_PAGE_SIZE;

  async function* pages(): AsyncGenerator<CsvValue[][]> {
    let after: string | null = null;
    for (;;) {
      const rows: ExportRow[] = await db.$queryRaw<ExportRow[]>(sql`
        SELECT c."id", c."email", c."firstName", c."lastName", c."phone", c."companyName", c."jobTitle",
          c."source", c."country", c."state", c."city", c."timezone",
          c."lifecycleStage"::text AS "lifecycleStage", c."subscriptionStatus"::text AS "subscriptionStatus",
          c."leadScore", c."engagementScore", c."engagementTrend"::text AS "engagementTrend",
          c."conversionLikelihood"::text AS "conversionLikelihood",
          c."lastActivityAt", c."lastOpenedAt", c."lastClickedAt", c."lastEmailSentAt",
          c."lastOpenedDevice"::text AS "lastOpenedDevice",
          CASE WHEN c."lastEmailSentAt" IS NULL THEN NULL
            ELSE coalesce(c."lastOpenedAt" >= c."lastEmailSentAt", false) END AS "openedLastEmail",
          c."preferredOpenHour", c."preferredOpenDay"::text AS "preferredOpenDay",
          c."tags", c."createdAt", c."updatedAt", c."customFields"
        FROM "SegmentMembership" m
        JOIN "Contact" c ON c."companyId" = m."companyId" AND c."id" = m."contactId"
        WHERE m."companyId" = ${companyId}::uuid AND m."segmentId" = ${segmentId}::uuid
          AND m."contactId" > ${after ?? "00000000-0000-0000-0000-000000000000"}::uuid
        ORDER BY m."contactId"
        LIMIT ${pageSize}`);
      if (rows.length === 0) return;
      yield rows.map((row) => [
        ...EXPORT_CONTACT_COLUMNS.map((column) => csvValue(row[column])),
        ...customKeys.map((key) => csvValue(row.customFields?.[key])),
      ]);
      if (rows.length < pageSize) return;
      after = String(rows[rows.length - 1]?.id);
    }
  }

  return {
    segmentName: segment.name,
    header: [...EXPORT_CONTACT_COLUMNS, ...customKeys.map((key) => `customField.${key}`)],
    rows: pages(),
  };
}

function csvValue(value: unknown): CsvValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return value;
  }
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(String);
  return JSON.stringify(value);
}

/** `spring-fair-contacts.csv` for the segment "Spring fair". */
export function exportFileName(segmentName: string): string {
  const slug = segmentName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${slug || "segment"}-contacts.csv`;
}
