import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { MARKETER, signIn } from "./helpers";

/**
 * The segment detail page as a marketer uses it: the recalculation status after
 * "Recalculate now", the analytics (computed on demand here: no background worker in
 * e2e), the overlap with another segment, and a static segment's members added and
 * removed by hand. The segments themselves are created through the REST API.
 */

type Api = { request: APIRequestContext; headers: Record<string, string> };

async function createApiKey(page: Page, name: string): Promise<string> {
  await page.goto("/settings/api-keys");
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  const key = await page.getByLabel("New API key").inputValue();
  expect(key).not.toBe("");
  return key;
}

async function post<T>(api: Api, path: string, data: unknown): Promise<T> {
  const response = await api.request.post(path, { headers: api.headers, data });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return (await response.json()) as T;
}

test("status, analytics, overlap and hand-picked members on the detail page", async ({ page }) => {
  test.setTimeout(120_000);
  const run = Date.now().toString(36);
  await signIn(page, MARKETER);
  const api: Api = {
    request: page.request,
    headers: { authorization: `Bearer ${await createApiKey(page, `e2e detail ${run}`)}` },
  };

  // A dynamic segment (recalculated in the request: no Inngest server here), two of its
  // members, and a contact that cannot be in it.
  const hot = await post<{ id: string; contactCount: number }>(api, "/api/v1/segments", {
    name: `E2E hot ${run}`,
    type: "dynamic",
    rules: {
      match: "all",
      groups: [{ match: "all", conditions: [{ field: "contact.leadScore", operator: "greater_or_equal", value: 50 }] }],
    },
  });
  expect(hot.contactCount).toBeGreaterThan(2);
  const hotMembers = await (
    await api.request.get(`/api/v1/segments/${hot.id}/contacts?limit=2`, { headers: api.headers })
  ).json();
  const inHot: string[] = hotMembers.contacts.map((c: { email: string }) => c.email);
  const cold = `cold-${run}@e2e.example`;
  const picked = `picked-${run}@e2e.example`;
  await post(api, "/api/v1/contacts", {
    contacts: [
      { email: cold, firstName: "Cold", lastName: `Case${run}`, leadScore: 0 },
      { email: picked, firstName: "Pick", lastName: `Me${run}`, leadScore: 0 },
    ],
  });
  const list = await post<{ id: string }>(api, "/api/v1/segments", {
    name: `E2E picked ${run}`,
    type: "static",
    emails: [...inHot, cold],
  });

  // The dynamic segment: "Recalculate now" runs in the request and the status says so.
  await page.goto(`/segments/${hot.id}`);
  await expect(page.getByRole("heading", { name: `E2E hot ${run}` })).toBeVisible();
  await page.getByRole("button", { name: "Recalculate now" }).click();
  await expect(page.getByText("Recalculated now (no background worker running): +0 entered, −0 exited")).toBeVisible();
  const status = page.locator("dd").filter({ hasText: /Last run/ });
  await expect(status).toContainText(/Last run just now/);
  await expect(status).toContainText("0 entered, 0 exited");
  await expect(page.getByRole("table", { name: "Membership history" }).locator("tbody tr")).toHaveCount(2);

  // The static segment: analytics are computed on demand, then shown against the company.
  await page.goto(`/segments/${list.id}`);
  await expect(page.getByText("Manual (static)")).toBeVisible();
  await expect(page.getByText("No analytics yet")).toBeVisible();
  await page.getByRole("button", { name: "Compute analytics now" }).click();
  const figures = page.getByRole("table", { name: "Segment analytics against the company average" });
  await expect(figures).toBeVisible({ timeout: 60_000 });
  await expect(figures.getByRole("row", { name: /Open rate/ })).toBeVisible();
  await expect(page.getByText("Open rate per day")).toBeVisible();

  // Overlap with the dynamic segment: the two members of it, of 3.
  await page.getByLabel("Compare with").selectOption({ label: `E2E hot ${run}` });
  await expect(page.getByText("2 contacts", { exact: true })).toBeVisible();
  await expect(page.getByText(/3 contacts · 66\.7% also in E2E hot/)).toBeVisible();

  // Add a contact by searching for them, then remove another.
  const members = page.getByRole("table", { name: "Segment members" });
  await expect(members.locator("tbody tr")).toHaveCount(3);
  await page.getByLabel("Search contacts to add").fill(`Me${run}`);
  await page.getByRole("checkbox", { name: new RegExp(`Pick Me${run}`) }).check();
  await page.getByRole("button", { name: "Add 1 selected" }).click();
  await expect(page.getByText("Added 1 contact.")).toBeVisible();
  await expect(members.locator("tbody tr")).toHaveCount(4);
  await expect(members).toContainText(picked);

  await members.getByRole("checkbox", { name: `Select ${cold}` }).check();
  await page.getByRole("button", { name: "Remove 1 selected" }).click();
  await expect(page.getByText("Removed 1 contact from the segment.")).toBeVisible();
  await expect(members.locator("tbody tr")).toHaveCount(3);
  await expect(members).not.toContainText(cold);
  await expect(page.getByRole("heading", { name: "Members (3)" })).toBeVisible();

  // The list shows the same status per segment.
  await page.goto(`/segments?q=${run}`);
  const rows = page.getByRole("table", { name: "Segments" }).locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: `E2E hot ${run}` })).toContainText(/Last run (just now|1 min\. ago)/);
  await expect(rows.filter({ hasText: `E2E hot ${run}` })).toContainText("0 entered, 0 exited");
  await expect(rows.filter({ hasText: `E2E picked ${run}` })).toContainText("Manual (static)");
});
