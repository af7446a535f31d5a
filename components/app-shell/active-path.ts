/** A nav item is active on its own page and on every page below it (/segments/123 → Segments). */
export function isActivePath(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}
