import "server-only";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/errors";
import type { BuilderCatalog } from "@/lib/segments/builder-types";

/** Campaigns offered in event filters: the newest ones (a company has tens, not thousands). */
export const BUILDER_CAMPAIGN_LIMIT = 500;

/**
 * What the builder's pickers offer for one company: custom fields (types, options),
 * segments (for "in segment") and campaigns (event filters). Null for a company that
 * does not exist. Small index reads, all scoped by companyId.
 */
export async function loadBuilderCatalog(companyId: string): Promise<BuilderCatalog | null> {
  if (!isUuid(companyId)) return null;
  const db = await getDb();
  const [company, customFields, segments, campaigns] = await Promise.all([
    db.company.findUnique({ where: { id: companyId }, select: { id: true, name: true } }),
    db.customFieldDefinition.findMany({
      where: { companyId },
      select: { key: true, label: true, type: true, options: true },
      orderBy: [{ label: "asc" }, { key: "asc" }],
    }),
    db.segment.findMany({
      where: { companyId },
      select: { id: true, name: true, type: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
    db.campaign.findMany({
      where: { companyId },
      select: { id: true, name: true, status: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: BUILDER_CAMPAIGN_LIMIT,
    }),
  ]);
  if (!company) return null;
  return { companyId: company.id, companyName: company.name, customFields, segments, campaigns };
}
