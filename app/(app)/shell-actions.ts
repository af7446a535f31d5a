"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { isPlatformAdmin } from "@/lib/auth/authz";
import { COMPANY_COOKIE } from "@/lib/auth/company-scope";
import { signOut } from "@/lib/auth/next-auth";
import { getActor } from "@/lib/auth/session";
import { getCompany } from "@/lib/data/platform/companies";

export type SwitchCompanyResult = { ok: true } | { ok: false; error: string };

/** Platform admins only: work in another company from now on (the choice lives in a cookie). */
export async function switchCompany(companyId: string): Promise<SwitchCompanyResult> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  if (!isPlatformAdmin(actor)) return { ok: false, error: "Only platform admins can switch companies." };
  const company = typeof companyId === "string" ? await getCompany(companyId) : null;
  if (!company) return { ok: false, error: "That company does not exist." };

  const jar = await cookies();
  if (company.id === actor.companyId) {
    jar.delete(COMPANY_COOKIE);
  } else {
    jar.set(COMPANY_COOKIE, company.id, {
      httpOnly: true,
      sameSite: "lax",
      // Like next-auth's own cookies: Secure when the site is served over https.
      secure: (await headers()).get("x-forwarded-proto") === "https",
      path: "/",
      maxAge: 60 * 60 * 24 * 30,
    });
  }
  return { ok: true };
}

export async function signOutAction(): Promise<void> {
  // The next person on this browser starts in their own company.
  (await cookies()).delete(COMPANY_COOKIE);
  await signOut({ redirectTo: "/login" });
}
