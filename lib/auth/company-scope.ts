import "server-only";
import type { Actor } from "@/lib/auth/authz";
import { getCompany } from "@/lib/data/platform/companies";

/** The cookie holding the company a platform admin chose in the shell's switcher. */
export const COMPANY_COOKIE = "segments_company";

/**
 * The company an actor works in now. A member: always their own, whatever was asked. An
 * admin: the requested company if it exists, else their home company (a stale or forged
 * cookie must never leave an admin in a company that is not there).
 */
export async function resolveCompanyScope(
  actor: Actor,
  requestedCompanyId: string | null | undefined,
): Promise<string> {
  if (actor.role !== "ADMIN" || !requestedCompanyId || requestedCompanyId === actor.companyId) {
    return actor.companyId;
  }
  const company = await getCompany(requestedCompanyId);
  return company?.id ?? actor.companyId;
}
