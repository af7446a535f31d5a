import type { Metadata } from "next";
import { connection } from "next/server";
import { CspSafeZod } from "@/components/csp-safe-zod";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Segments", template: "%s · Segments" },
  description: "Divide your contacts into segments and send campaigns to them.",
  icons: { icon: "/favicon.svg" },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: Next can then put the request's CSP nonce
  // (proxy.ts) on its scripts, which a page prerendered at build time could not carry.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <CspSafeZod />
        {children}
      </body>
    </html>
  );
}
