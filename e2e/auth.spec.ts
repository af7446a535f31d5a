import { expect, test } from "@playwright/test";
import { ADMIN, MARKETER, signIn, signOut } from "./helpers";

test("a signed-out visitor is sent to the sign-in page", async ({ page }) => {
  await page.goto("/contacts");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("a wrong password shows an error and keeps the user signed out", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(MARKETER.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Email or password is incorrect")).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("a marketer signs in, sees their company and signs out", async ({ page }) => {
  await signIn(page, MARKETER);
  await expect(page.getByText(MARKETER.company).first()).toBeVisible();
  await signOut(page);
  await page.goto("/contacts");
  await expect(page).toHaveURL(/\/login/);
});

test("an admin signs in and can switch company", async ({ page }) => {
  await signIn(page, ADMIN);
  const switcher = page.getByLabel("Company");
  await expect(switcher).toBeVisible();
  await switcher.selectOption({ label: "Globex" });
  await expect(page.getByRole("table")).toContainText("@", { timeout: 15_000 });
  await expect(switcher).toHaveValue(/.+/);
});
