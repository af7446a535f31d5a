import Link from "next/link";
import { signOutAction } from "@/app/(app)/shell-actions";
import { Badge } from "@/components/ui/badge";
import type { Actor } from "@/lib/auth/authz";
import { CompanySwitcher } from "./company-switcher";
import { SignOutIcon } from "./icons";
import { NavLinks } from "./nav-links";

type CompanyOption = { id: string; name: string };

/**
 * The frame of every signed-in page: a sidebar (a top bar on small screens) with the
 * navigation, the current company, and who is signed in.
 */
export function AppShell({
  actor,
  company,
  companies,
  children,
}: {
  actor: Actor;
  company: CompanyOption;
  /** All companies, for a platform admin's switcher; null for members. */
  companies: CompanyOption[] | null;
  children: React.ReactNode;
}) {
  return (
    <div className="min-h-screen">
      <aside className="border-b border-slate-200 bg-white md:fixed md:inset-y-0 md:flex md:w-64 md:flex-col md:border-r md:border-b-0">
        <div className="flex h-14 items-center justify-between gap-3 px-4 md:h-16 md:px-5">
          <Link href="/contacts" className="flex items-center gap-2 rounded-md font-semibold text-slate-900">
            <span className="flex size-8 items-center justify-center rounded-lg bg-brand-600 text-sm font-bold text-white">
              S
            </span>
            Segments
          </Link>
          <div className="md:hidden">
            <SignOutButton compact />
          </div>
        </div>

        <div className="flex items-end gap-4 px-4 pb-3 md:block md:px-5 md:pb-4">
          <div className="min-w-0 flex-1">
            {companies ? (
              <CompanySwitcher companies={companies} currentCompanyId={company.id} />
            ) : (
              <div>
                <p className="text-xs font-medium text-slate-500">Company</p>
                <p className="truncate text-sm font-medium text-slate-900">{company.name}</p>
              </div>
            )}
          </div>
          {/* Small screens: who is signed in, beside the company (the sidebar footer is hidden). */}
          <div className="min-w-0 shrink text-right md:hidden">
            <p className="truncate text-sm font-medium text-slate-900" title={actor.email}>
              {actor.name}
            </p>
            <RoleBadge role={actor.role} />
          </div>
        </div>

        <div className="px-2 pb-2 md:flex-1 md:px-3 md:pb-0">
          <NavLinks />
        </div>

        <div className="hidden border-t border-slate-200 p-4 md:block">
          <div className="flex items-center gap-3">
            <span
              className="flex size-9 shrink-0 items-center justify-center rounded-full bg-slate-100 text-sm font-semibold text-slate-600"
              aria-hidden="true"
            >
              {initials(actor.name)}
            </span>
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-medium text-slate-900" title={actor.email}>
                {actor.name}
              </p>
              <div className="mt-0.5">
                <RoleBadge role={actor.role} />
              </div>
            </div>
          </div>
          <div className="mt-3">
            <SignOutButton />
          </div>
        </div>
      </aside>

      <div className="md:pl-64">
        <main className="mx-auto max-w-7xl px-4 py-6 sm:px-6 md:py-8 lg:px-8">{children}</main>
      </div>
    </div>
  );
}

function RoleBadge({ role }: { role: Actor["role"] }) {
  return <Badge tone={role === "ADMIN" ? "brand" : "neutral"}>{role === "ADMIN" ? "Platform admin" : "Member"}</Badge>;
}

function SignOutButton({ compact = false }: { compact?: boolean }) {
  return (
    <form action={signOutAction}>
      <button
        type="submit"
        className={
          compact
            ? "flex shrink-0 items-center gap-1.5 rounded-md whitespace-nowrap px-2 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
            : "flex w-full items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
        }
      >
        <SignOutIcon className="size-4" />
        Sign out
      </button>
    </form>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? `${parts[0]![0]}${parts.at(-1)![0]}` : (parts[0]?.slice(0, 2) ?? "?");
  return letters.toUpperCase();
}
