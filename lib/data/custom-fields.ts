import "server-only";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/errors";
import type { CustomFieldType } from "@/lib/generated/prisma/enums";

/** A company's own contact field: `key` is how rules and the API name it, `label` what people read. */
export type CustomFieldDto = {
  id: string;
  key: string;
  label: string;
  type: CustomFieldType;
  /** Allowed values of SELECT and MULTI_SELECT fields; empty for other types. */
  options: string[];
};

export async function listCustomFields(companyId: string): Promise<CustomFieldDto[]> {
  if (!isUuid(companyId)) return [];
  const db = await getDb();
  return db.customFieldDefinition.findMany({
    where: { companyId },
    select: { id: true, key: true, label: true, type: true, options: true },
    orderBy: [{ label: "asc" }, { key: "asc" }],
  });
}
