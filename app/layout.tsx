import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Segments", template: "%s · Segments" },
  description: "Divide your contacts into segments and send campaigns to them.",
  icons: { icon: "/favicon.svg" },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">{children}</body>
    </html>
  );
}
