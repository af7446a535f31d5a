import { expect, test } from "@playwright/test";
import { MARKETER, signIn } from "./helpers";

const rules = (extra: object[] = []) => ({
  match: "all",
  groups: [
    { match: "all", conditions: [{ field: "contact.leadScore", operator: "greater_than", value: 50 }, ...extra] },
  ],
});

test("a segment a draft campaign excludes, or another segment's rules use, cannot be deleted; the dialog names them", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await signIn(page, MARKETER);
  const stamp = Date.now();
  const baseName = `Churned ${stamp}`;
  const referrerName = `Not churned ${stamp}`;
  const campaignName = `Win-back ${stamp}`;

  await page.goto("/settings/api-keys");
  await page.getByLabel("Name", { exact: true }).fill(`delete e2e ${stamp}`);
  await page.getByRole("button", { name: "Create key" }).click();
  const headers = { authorization: `Bearer ${await page.getByLabel("New API key").inputValue()}` };
  const base = await request.post("/api/v1/segments", {
    headers,
    data: { name: baseName, type: "dynamic", rules: rules() },
  });
  const baseId = ((await base.json()) as { id: string }).id;
  const referrer = await request.post("/api/v1/segments", {
    headers,
    data: {
      name: referrerName,
      type: "dynamic",
      rules: rules([{ field: "segment", operator: "not_in_segment", value: baseId }]),
    },
  });
  expect(referrer.status()).toBe(201);

  // A draft that excludes it (and includes the other).
  await page.goto("/campaigns/new");
  await page.getByLabel("Name").fill(campaignName);
  await page.getByLabel("Subject").fill("We miss you");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByRole("heading", { name: campaignName })).toBeVisible();
  const pick = async (label: string, name: string) => {
    const select = page.getByLabel(label);
    await select.selectOption((await select.locator("option", { hasText: name }).getAttribute("value")) ?? "");
  };
  await pick("Segment to include", referrerName);
  await page.getByRole("button", { name: "Include", exact: true }).click();
  await expect(page.getByRole("link", { name: referrerName, exact: true })).toBeVisible();
  await pick("Segment to exclude", baseName);
  await page.getByRole("button", { name: "Exclude", exact: true }).click();
  await expect(page.getByRole("link", { name: baseName, exact: true })).toBeVisible();
  // Saved (not only shown): the page as the server renders it has both.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("link", { name: baseName, exact: true })).toBeVisible({ timeout: 2_000 });
    await expect(page.getByRole("link", { name: referrerName, exact: true })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });

  // The API refuses, even with force, and names the users.
  const refused = await request.delete(`/api/v1/segments/${baseId}?force=true`, { headers });
  expect(refused.status()).toBe(409);
  const body = (await refused.json()) as {
    error: { code: string; details: { campaigns: { name: string; role: string }[]; segments: { name: string }[] } };
  };
  expect(body.error.code).toBe("segment_in_use");
  expect(body.error.details.campaigns).toMatchObject([{ name: campaignName, role: "EXCLUDE" }]);
  expect(body.error.details.segments).toMatchObject([{ name: referrerName }]);

  // The dialog says why, links to both, and offers no way to delete.
  await page.goto(`/segments/${baseId}`);
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("alert")).toContainText("cannot be deleted");
  await expect(dialog.getByRole("link", { name: campaignName, exact: true })).toHaveAttribute("href", /\/campaigns\//);
  await expect(dialog).toContainText("(draft, excludes it)");
  await expect(dialog.getByRole("link", { name: referrerName, exact: true })).toHaveAttribute("href", /\/segments\//);
  await expect(dialog.getByRole("button", { name: "Delete segment" })).toHaveCount(0);
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(baseName);
  await expect(dialog).toBeHidden();
});
