import "server-only";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/errors";

export type CompanyDto = { id: string; name: string; slug: string };

const companySelect = { id: true, name: true, slug: true } as const;

export async function getCompany(companyId: string): Promise<CompanyDto | null> {
  if (!isUuid(companyId)) return null;
  const db = await getDb();
  return db.company.findUnique({ where: { id: companyId }, select: companySelect });
}

/**
 * Every company on the platform, by name. For platform admins only (the company
 * switcher): the caller must have checked `isPlatformAdmin(actor)`.
 */
export async function listCompanies(): Promise<CompanyDto[]> {
  const db = await getDb();
  return db.company.findMany({ select: companySelect, orderBy: [{ name: "asc" }, { id: "asc" }] });
}
