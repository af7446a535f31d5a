import { expect, type Page, test } from "@playwright/test";
import { MARKETER, signIn } from "./helpers";

// Columns of the contacts table: the selection box, name, email...
const EMAIL_CELL = "td:nth-child(3)";

/** The number on the Contacts heading's badge ("400 contacts"). */
async function totalContacts(page: Page): Promise<number> {
  const label = (await page.getByLabel(/^[\d,]+\+? contacts$/).getAttribute("aria-label")) ?? "";
  return Number(label.replace(/[^\d]/g, ""));
}

async function expectNoMatch(page: Page, email: string) {
  await page.getByRole("searchbox", { name: "Search contacts" }).fill(email);
  await expect(page).toHaveURL(/q=/);
  await expect(page.getByText("No contacts match your search")).toBeVisible();
  await page.getByRole("searchbox", { name: "Search contacts" }).fill("");
  await expect(page).not.toHaveURL(/q=/);
}

test("a marketer deletes selected contacts: the rows are gone and the count dropped", async ({ page }) => {
  await signIn(page, MARKETER);
  const table = page.getByRole("table", { name: "Contacts" });
  await expect(table.locator("tbody tr")).toHaveCount(25);
  const before = await totalContacts(page);
  const emails = (await table.locator(`tbody tr ${EMAIL_CELL}`).allTextContents()).map((email) => email.trim());
  const picked = [emails[1] as string, emails[4] as string];

  for (const email of picked) await page.getByLabel(`Select ${email}`).check();
  await page.getByRole("button", { name: "Delete 2 selected" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete 2 contacts?" });
  await expect(dialog).toContainText("This cannot be undone.");
  await dialog.getByRole("button", { name: "Delete 2 contacts" }).click();

  await expect(page.getByRole("status").filter({ hasText: "Deleted 2 contacts." })).toBeVisible();
  await expect(page.getByLabel(`${(before - 2).toLocaleString("en-US")} contacts`)).toBeVisible();
  for (const email of picked) await expect(table.getByText(email, { exact: true })).toHaveCount(0);
  await expectNoMatch(page, picked[0] as string);
});

test("a marketer deletes a contact from its page, and forgets another; the audit log says so", async ({ page }) => {
  await signIn(page, MARKETER);
  const table = page.getByRole("table", { name: "Contacts" });
  const before = await totalContacts(page);

  // Delete.
  const first = table.locator("tbody tr").first();
  const deletedEmail = ((await first.locator(EMAIL_CELL).textContent()) ?? "").trim();
  await first.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
  const contactUrl = page.url();
  await page.getByRole("button", { name: "Delete contact" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${deletedEmail}?` });
  await expect(dialog).toContainText("events and segment memberships");
  await dialog.getByRole("button", { name: "Delete contact" }).click();
  await expect(page).toHaveURL(/\/contacts$/);
  await expect(page.getByLabel(`${(before - 1).toLocaleString("en-US")} contacts`)).toBeVisible();
  await expectNoMatch(page, deletedEmail);
  expect((await page.goto(contactUrl))?.status()).toBe(404);

  // Forget.
  await page.goto("/contacts");
  const next = table.locator("tbody tr").first();
  const forgottenEmail = ((await next.locator(EMAIL_CELL).textContent()) ?? "").trim();
  await next.getByRole("link").first().click();
  await page.getByRole("button", { name: "Forget (GDPR erasure)" }).click();
  const forget = page.getByRole("dialog", { name: `Forget ${forgottenEmail}?` });
  await expect(forget).toContainText("one-way fingerprint");
  await forget.getByRole("button", { name: "Forget contact" }).click();
  await expect(page).toHaveURL(/\/contacts$/);
  await expect(page.getByLabel(`${(before - 2).toLocaleString("en-US")} contacts`)).toBeVisible();

  await page.goto("/settings/audit-log");
  const log = page.getByRole("table", { name: "Audit log" });
  await expect(log.locator("tbody tr").first()).toContainText("Contacts forgotten (GDPR)");
  await expect(log.getByText("Contacts deleted").first()).toBeVisible();
  await page.getByLabel("Email").fill(forgottenEmail);
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${forgottenEmail} was erased on` })).toBeVisible();
  await page.getByLabel("Email").fill(deletedEmail);
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page.getByText(`No erasure of ${deletedEmail} is recorded`)).toBeVisible();
});
