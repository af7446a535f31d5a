import { mkdirSync } from "node:fs";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { findTemplate } from "../lib/segments/engine/templates";
import { ADMIN, MARKETER, OTHER_MARKETER, signIn, signOut } from "./helpers";

/** The rule language's full example (../shared/segment-rules.md), as the API takes it. */
const FULL_EXAMPLE = findTemplate("engaged-or-high-value-na")!.definition;

const SCREENSHOTS = "docs/screenshots";

const group = (page: Page, name: string) => page.getByRole("region", { name, exact: true });
const condition = (page: Page, name: string) => page.getByRole("group", { name, exact: true });

/** Picks a field with the searchable picker: type, then Enter (keyboard) or a click on the named option. */
async function pickField(page: Page, row: Locator, search: string, option?: RegExp) {
  await row.getByRole("button", { name: /^Field:/ }).click();
  await page.getByRole("combobox", { name: "Search fields" }).fill(search);
  if (option) await page.getByRole("option", { name: option }).click();
  else await page.keyboard.press("Enter");
}

async function eventCount(page: Page, label: string, search: RegExp, searchText: string, n: number) {
  const row = condition(page, label);
  await pickField(page, row, searchText, search);
  await row.getByLabel("Operator").selectOption({ label: "happened at least" });
  await row.getByLabel("Number of times").fill(String(n));
  await row.getByLabel("Time window").selectOption({ label: "in the last…" });
  await row.getByLabel("Window days").fill("30");
}

async function addChips(row: Locator, values: string[]) {
  for (const value of values) {
    await row.getByLabel("Add value").fill(value);
    await row.getByLabel("Add value").press("Enter");
    await expect(row.getByRole("button", { name: `Remove ${value}` })).toBeVisible();
  }
}

/** The preview's count once it has settled on the latest rules. */
async function settledPreviewCount(page: Page): Promise<number> {
  const status = page.getByRole("status", { name: "Matching contacts" });
  await expect(status).not.toContainText("Counting");
  await expect(page.getByTestId("preview-count")).toBeVisible();
  return Number((await page.getByTestId("preview-count").textContent())?.replace(/,/g, ""));
}

async function createApiKey(page: Page): Promise<string> {
  await page.goto("/settings/api-keys");
  await page.getByLabel("Name", { exact: true }).fill(`builder e2e ${Date.now()}`);
  await page.getByRole("button", { name: "Create key" }).click();
  const key = page.getByLabel("New API key");
  await expect(key).toBeVisible();
  return key.inputValue();
}

function contactsFact(page: Page): Locator {
  return page
    .locator("dl > div")
    .filter({ has: page.locator("dt", { hasText: "Contacts" }) })
    .locator("dd");
}

test("a marketer builds the spec's full example, saves, finds, renames, explains and deletes it", async ({
  page,
  request,
}) => {
  // One user journey in named steps: a failure names the step it stopped at.
  test.setTimeout(180_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await signIn(page, MARKETER);
  const apiKey = await createApiKey(page);
  const name = `Engaged or high-value NA ${Date.now()}`;
  const ltv = condition(page, "Group 1.2 condition 2");
  let engineCount = 0;
  let detailUrl = "";

  await test.step("group 1: ANY of two sub-groups (engaged; high value)", async () => {
    await page.goto("/segments/new");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await group(page, "Group 1").getByLabel("Match for group 1").selectOption("any");
    await page.getByRole("button", { name: "Add sub-group to group 1", exact: true }).click();
    await page.getByRole("button", { name: "Add sub-group to group 1", exact: true }).click();
    await page.getByRole("button", { name: "Remove group 1 condition 1", exact: true }).click();
    await eventCount(page, "Group 1.1 condition 1", /^Email opened/, "email opened", 3);
    await page.getByRole("button", { name: "Add condition to group 1.1", exact: true }).click();
    await eventCount(page, "Group 1.1 condition 2", /^Email clicked/, "email clicked", 1);

    const score = condition(page, "Group 1.2 condition 1");
    await pickField(page, score, "lead score");
    await score.getByLabel("Operator").selectOption({ label: "is at least" });
    await score.getByLabel("Value").fill("75");
    await page.getByRole("button", { name: "Add condition to group 1.2", exact: true }).click();
    await pickField(page, ltv, "customer ltv");
    await ltv.getByLabel("Operator").selectOption({ label: "is at least" });
    await ltv.getByLabel("Value").fill("1000");
  });

  await test.step("group 2: in North America", async () => {
    await page.getByRole("button", { name: "+ Group", exact: true }).click();
    const country = condition(page, "Group 2 condition 1");
    await pickField(page, country, "country");
    await country.getByLabel("Operator").selectOption({ label: "is any of" });
    await addChips(country, ["United States", "Canada"]);
  });

  await test.step("exclusion: unqualified or bounced", async () => {
    await page.getByRole("button", { name: "+ Exclusion group" }).click();
    const tags = condition(page, "Exclusion 1 condition 1");
    await pickField(page, tags, "tags");
    await tags.getByLabel("Operator").selectOption({ label: "contains any of" });
    await addChips(tags, ["unqualified"]);
    await page.getByRole("button", { name: "Add condition to exclusion 1", exact: true }).click();
    const bounced = condition(page, "Exclusion 1 condition 2");
    await pickField(page, bounced, "bounced", /^Bounced/);
    await bounced.getByLabel("Operator").selectOption({ label: "is true" });
  });

  await test.step("the preview counts what the engine counts for the spec's JSON", async () => {
    const previewCount = await settledPreviewCount(page);
    const api = await request.post("/api/v1/segments/preview", {
      headers: { authorization: `Bearer ${apiKey}` },
      data: { rules: FULL_EXAMPLE },
    });
    expect(api.status()).toBe(200);
    const engine = (await api.json()) as { count: number; sample: { id: string }[] };
    engineCount = engine.count;
    expect(previewCount).toBe(engineCount);
    expect(engineCount).toBeGreaterThan(0);
    await expect(page.getByRole("list", { name: "Sample contacts" }).getByRole("link")).toHaveCount(
      Math.min(10, engineCount),
    );
    await page.screenshot({ path: `${SCREENSHOTS}/segment-builder.png`, fullPage: true });
  });

  await test.step("an invalid change shows what is wrong at the condition", async () => {
    await ltv.getByLabel("Value").fill("");
    await expect(page.getByRole("status", { name: "Matching contacts" })).toContainText("rules are incomplete");
    await expect(ltv).toContainText("expected a number");
    await ltv.getByLabel("Value").fill("1000");
    expect(await settledPreviewCount(page)).toBe(engineCount);
  });

  await test.step("save lands on the detail page with the membership filled", async () => {
    await page.getByRole("button", { name: "Create segment" }).click();
    await expect(page).toHaveURL(/\/segments\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
    await expect(contactsFact(page)).toHaveText(engineCount.toLocaleString("en-US"));
    detailUrl = page.url();
    await page.screenshot({ path: `${SCREENSHOTS}/segment-detail.png`, fullPage: true });
  });

  await test.step("found in the list by search, sorted by name", async () => {
    await page.goto("/segments");
    await page.getByRole("searchbox", { name: "Search segments" }).fill("Engaged or high-value NA");
    await expect(page).toHaveURL(/q=/);
    await expect(page.getByRole("link", { name: `View ${name}` })).toBeVisible();
    await page.getByRole("searchbox", { name: "Search segments" }).fill("");
    await page.getByRole("button", { name: /^Name/ }).click();
    await expect(page).toHaveURL(/sort=name/);
    await expect(page.getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", /ascending|descending/);
    await page.screenshot({ path: `${SCREENSHOTS}/segments-list.png`, fullPage: true });
  });

  await test.step("rename keeps membership and history", async () => {
    await page.goto(detailUrl);
    const membersHeading = await page.getByRole("heading", { name: /^Members \(/ }).textContent();
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await expect(page).toHaveURL(/\/edit$/);
    await page.getByLabel("Name", { exact: true }).fill(`${name} (renamed)`);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page).toHaveURL(detailUrl);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`${name} (renamed)`);
    await expect(contactsFact(page)).toHaveText(engineCount.toLocaleString("en-US"));
    await expect(page.getByRole("heading", { name: /^Members \(/ })).toHaveText(membersHeading ?? "");
  });

  await test.step("explain one member", async () => {
    const email =
      (
        await page
          .getByRole("table", { name: "Segment members" })
          .locator("tbody tr td:nth-child(2)")
          .first()
          .textContent()
      )?.trim() ?? "";
    expect(email).toContain("@");
    await page.getByLabel("Contact email").fill(email);
    await page.getByRole("button", { name: "Explain" }).click();
    await expect(page.getByRole("region", { name: "Explanation" })).toContainText(`${email}: In the segment`);
  });

  await test.step("delete", async () => {
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await page.getByRole("button", { name: "Delete segment" }).click();
    await expect(page).toHaveURL(/\/segments$/);
    await page.goto(detailUrl);
    await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
  });
});

test("a platform admin creates a segment for another company from a template and edits it", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ADMIN);
  await page.goto("/segments");
  await page.getByLabel("Show segments of").selectOption({ label: OTHER_MARKETER.company });
  await expect(page).toHaveURL(/company=/);
  // The list (and its "New segment" link) now belong to the chosen company.
  await expect(page.getByText(`Segments of ${OTHER_MARKETER.company}.`)).toBeVisible();
  await page.getByRole("link", { name: "New segment" }).first().click();
  await expect(page).toHaveURL(/\/segments\/new\?company=/);
  await expect(page.locator("form").getByLabel("Company")).toHaveValue(/[0-9a-f-]{36}/);
  await expect(page.locator("form").getByLabel("Company").locator("option:checked")).toHaveText(OTHER_MARKETER.company);

  await page.getByRole("button", { name: "Start from a template" }).click();
  await page.getByRole("button", { name: /^Hot Leads/ }).click();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Hot Leads");
  const name = `Hot Leads ${Date.now()}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  const count = await settledPreviewCount(page);
  await page.getByRole("button", { name: "Create segment" }).click();
  await expect(page).toHaveURL(/\/segments\/[0-9a-f-]{36}$/);
  await expect(contactsFact(page)).toHaveText(count.toLocaleString("en-US"));

  // From the list filtered by company: edit its rules.
  await page.goto("/segments");
  await page.getByLabel("Show segments of").selectOption({ label: OTHER_MARKETER.company });
  await page.getByRole("link", { name: `Edit ${name}` }).click();
  await expect(page.getByText(`A segment of ${OTHER_MARKETER.company}.`)).toBeVisible();
  const between = condition(page, "Group 1 condition 1");
  await between.getByLabel("Minimum").fill("0");
  const wider = await settledPreviewCount(page);
  expect(wider).toBeGreaterThanOrEqual(count);
  await page.getByLabel("Description").fill("Edited by the platform admin");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/segments\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Edited by the platform admin")).toBeVisible();
  await expect(contactsFact(page)).toHaveText(wider.toLocaleString("en-US"));
});

test("a marketer builds a static segment by picking contacts", async ({ page }) => {
  await signIn(page, MARKETER);
  await page.goto("/segments/new");
  await page.getByLabel("Name", { exact: true }).fill(`Hand-picked ${Date.now()}`);
  await page.getByLabel(/^Static/).check();
  const table = page.getByRole("table", { name: "Contacts to pick" });
  await expect(table.locator("tbody tr")).toHaveCount(25);
  const emails = await table.locator("tbody tr td:nth-child(2)").allTextContents();
  await page.getByLabel(`Select ${emails[0]}`).check();
  await page.getByLabel(`Select ${emails[3]}`).check();
  await page.getByLabel("Search contacts").fill(emails[5]!);
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await page.getByLabel(`Select ${emails[5]}`).check();
  await expect(page.getByText("Will add 3 contacts.")).toBeVisible();
  await page.getByRole("button", { name: "Create segment" }).click();
  await expect(page).toHaveURL(/\/segments\/[0-9a-f-]{36}$/);
  await expect(contactsFact(page)).toHaveText("3");
  for (const email of [emails[0], emails[3], emails[5]]) await expect(page.getByText(email!)).toBeVisible();
});

test("a marketer gets not-found for another company's segment edit page", async ({ page }) => {
  await signIn(page, OTHER_MARKETER);
  await page.goto("/segments/new");
  await page.getByLabel("Name", { exact: true }).fill(`Globex only ${Date.now()}`);
  const row = condition(page, "Group 1 condition 1");
  await pickField(page, row, "lead score");
  await row.getByLabel("Value").fill("50");
  await settledPreviewCount(page);
  await page.getByRole("button", { name: "Create segment" }).click();
  await expect(page).toHaveURL(/\/segments\/[0-9a-f-]{36}$/);
  const url = new URL(page.url());
  await signOut(page);

  await signIn(page, MARKETER);
  await page.goto(`${url.pathname}/edit`);
  await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
});
