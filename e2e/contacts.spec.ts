import { expect, test } from "@playwright/test";
import { MARKETER, OTHER_MARKETER, signIn, signOut } from "./helpers";

test("a marketer searches, sorts, pages and opens a contact", async ({ page }) => {
  await signIn(page, MARKETER);
  const table = page.getByRole("table", { name: "Contacts" });
  await expect(table.locator("tbody tr")).toHaveCount(25);
  // Columns: the selection box, name, email, company, lifecycle, lead score...

  // Search: every row shown matches, and the query lives in the URL.
  const firstEmail = ((await table.locator("tbody tr").first().locator("td").nth(2).textContent()) ?? "").trim();
  const needle = firstEmail.split("@")[0]!.slice(0, 5);
  await page.getByRole("searchbox", { name: "Search contacts" }).fill(needle);
  await expect(page).toHaveURL(new RegExp(`q=${needle}`));
  const emails = await table.locator("tbody tr td:nth-child(3)").allTextContents();
  expect(emails.length).toBeGreaterThan(0);
  for (const row of await table.locator("tbody tr").allTextContents())
    expect(row.toLowerCase()).toContain(needle.toLowerCase());

  // Clear the search, sort by lead score (highest first), and check the order.
  await page.getByRole("searchbox", { name: "Search contacts" }).fill("");
  await expect(page).not.toHaveURL(/q=/);
  await page.getByRole("button", { name: /Lead score/ }).click();
  await expect(page).toHaveURL(/sort=leadScore/);
  const header = page.getByRole("columnheader", { name: /Lead score/ });
  await expect(header).toHaveAttribute("aria-sort", /ascending|descending/);
  // The header follows the URL at once; the rows follow when the server answers.
  const direction = await header.getAttribute("aria-sort");
  await expect(async () => {
    const scores = (await table.locator("tbody tr td:nth-child(6)").allTextContents())
      .map((s) => Number(s.replace(/,/g, "")))
      .filter((n) => !Number.isNaN(n));
    expect(scores.length).toBeGreaterThan(1);
    expect(scores).toEqual([...scores].sort((a, b) => (direction === "ascending" ? a - b : b - a)));
  }).toPass({ timeout: 15_000 });

  // Next page keeps the sort and shows other contacts; reload keeps the view.
  const pageOne = await table.locator("tbody tr td:nth-child(3)").allTextContents();
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(table.locator("tbody tr td:nth-child(3)").first()).not.toHaveText(pageOne[0]!);
  await page.reload();
  await expect(page).toHaveURL(/page=2/);
  await expect(page).toHaveURL(/sort=leadScore/);

  // Open a contact.
  const link = table.locator("tbody tr").first().getByRole("link").first();
  const email = ((await table.locator("tbody tr").first().locator("td").nth(2).textContent()) ?? "").trim();
  await link.click();
  await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
  await expect(page.getByText(email).first()).toBeVisible();
});

test("a marketer gets not-found for another company's contact", async ({ page }) => {
  await signIn(page, OTHER_MARKETER);
  await page.getByRole("table", { name: "Contacts" }).locator("tbody tr").first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
  const foreignUrl = page.url();
  await signOut(page);

  await signIn(page, MARKETER);
  const response = await page.goto(foreignUrl);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
});
