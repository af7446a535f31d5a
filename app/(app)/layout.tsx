import { AppShell } from "@/components/app-shell/app-shell";
import { isPlatformAdmin } from "@/lib/auth/authz";
import { requireCompanyScope } from "@/lib/auth/session";
import { getCompany, listCompanies } from "@/lib/data/platform/companies";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const { actor, companyId } = await requireCompanyScope();
  const [company, companies] = await Promise.all([
    getCompany(companyId),
    isPlatformAdmin(actor) ? listCompanies() : Promise.resolve(null),
  ]);
  // The scope is always an existing company (requireCompanyScope checks), but a company
  // deleted mid-request must not crash the frame.
  const current = company ?? { id: companyId, name: "Unknown company", slug: "" };
  return (
    <AppShell actor={actor} company={current} companies={companies}>
      {children}
    </AppShell>
  );
}
