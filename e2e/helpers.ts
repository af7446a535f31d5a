import { expect, type Page } from "@playwright/test";

export const MARKETER = { email: "marketer@acme.dev", password: "marketer-demo-1", company: "Acme Corp" };
export const OTHER_MARKETER = { email: "marketer@globex.dev", password: "marketer-demo-1", company: "Globex" };
export const ADMIN = { email: "admin@segments.dev", password: "admin-demo-1" };

export async function signIn(page: Page, user: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/contacts/);
}

export async function signOut(page: Page) {
  // A click that lands before the page has hydrated can be lost; a user would click again.
  // And a request still in flight from the old page can come back with the session cookie
  // renewed: so check that an app page now really asks to sign in.
  await expect(async () => {
    if (!/\/login/.test(page.url())) await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/, { timeout: 10_000 });
    await page.goto("/contacts");
    await expect(page).toHaveURL(/\/login/, { timeout: 5_000 });
  }).toPass({ timeout: 45_000 });
}
