import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { safeCallbackUrl } from "./callback-url";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  // Already signed in: nothing to do here.
  if (await getActor()) redirect(callbackUrl);

  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-slate-50 to-brand-50 px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <span className="flex size-11 items-center justify-center rounded-xl bg-brand-600 text-lg font-bold text-white shadow-sm">
            S
          </span>
          <h1 className="mt-4 text-2xl font-semibold tracking-tight text-slate-900">Sign in to Segments</h1>
          <p className="mt-1 text-sm text-slate-500">Use the email and password of your account.</p>
        </div>
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8">
          <LoginForm
            callbackUrl={callbackUrl}
            // next-auth sends people here with ?error=… when a sign-in failed outside this form.
            initialError={params.error ? "Sign-in did not work. Please try again." : undefined}
          />
        </div>
      </div>
    </main>
  );
}
