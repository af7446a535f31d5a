"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { isActivePath } from "./active-path";
import { CampaignsIcon, ContactsIcon, SegmentsIcon, SettingsIcon } from "./icons";

const NAV_ITEMS = [
  { href: "/contacts", label: "Contacts", Icon: ContactsIcon },
  { href: "/segments", label: "Segments", Icon: SegmentsIcon },
  { href: "/campaigns", label: "Campaigns", Icon: CampaignsIcon },
  { href: "/settings", label: "Settings", Icon: SettingsIcon },
] as const;

export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main">
      <ul className="flex gap-1 overflow-x-auto md:flex-col">
        {NAV_ITEMS.map(({ href, label, Icon }) => {
          const active = isActivePath(pathname, href);
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex items-center gap-3 rounded-md px-2.5 py-2 text-sm md:px-3 font-medium whitespace-nowrap transition-colors",
                  active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
                )}
              >
                <Icon className={cn("hidden size-5 shrink-0 md:block", active ? "text-brand-600" : "text-slate-400")} />
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
