import "server-only";
import type { NormalizedCustomFieldDefinition } from "@/lib/contacts/custom-field-schema";
import { getDb } from "@/lib/db";
import { ConflictError, isUuid, NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
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

/** A new custom field of the company; ConflictError when the key is taken. */
export async function createCustomField(
  companyId: string,
  input: NormalizedCustomFieldDefinition,
): Promise<CustomFieldDto> {
  if (!isUuid(companyId)) throw new NotFoundError("Company not found");
  const db = await getDb();
  try {
    return await db.customFieldDefinition.create({
      data: { companyId, key: input.key, label: input.label, type: input.type, options: input.options },
      select: { id: true, key: true, label: true, type: true, options: true },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ConflictError(`A custom field with the key "${input.key}" already exists`);
    }
    throw error;
  }
}
