import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export default function NotFound() {
  return (
    <section className="flex min-h-[70vh] items-center justify-center px-4 py-16">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-brand-600">404</p>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">We could not find that page</h1>
        <p className="mt-2 text-sm text-slate-500">
          It may have been deleted, or the link may be wrong. Check the address, or start again from your contacts.
        </p>
        <div className="mt-6 flex justify-center gap-3">
          <Link href="/contacts" className={buttonClasses()}>
            Go to contacts
          </Link>
          <Link href="/segments" className={buttonClasses({ variant: "secondary" })}>
            Segments
          </Link>
        </div>
      </div>
    </section>
  );
}
