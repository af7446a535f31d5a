import { expect, type Page, test } from "@playwright/test";
import { MARKETER, signIn } from "./helpers";

const rules = (...conditions: object[]) => ({ match: "all", groups: [{ match: "all", conditions }] });
const score = (operator: string, value: number) => ({ field: "contact.leadScore", operator, value });

async function createApiKey(page: Page): Promise<string> {
  await page.goto("/settings/api-keys");
  await page.getByLabel("Name", { exact: true }).fill(`campaigns e2e ${Date.now()}`);
  await page.getByRole("button", { name: "Create key" }).click();
  const key = page.getByLabel("New API key");
  await expect(key).toBeVisible();
  return key.inputValue();
}

/** Picks the option whose text starts with the segment's name (the text also shows its size). */
async function choose(page: Page, label: string, name: string) {
  const select = page.getByLabel(label);
  const value = await select.locator("option", { hasText: name }).getAttribute("value");
  await select.selectOption(value ?? "");
}

test("create a campaign, choose two segments and an exclusion, send it, see the report; compare two segments", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  await signIn(page, MARKETER);
  const key = await createApiKey(page);
  const headers = { authorization: `Bearer ${key}` };
  const stamp = Date.now();
  const names = { a: `Score over 60 ${stamp}`, b: `Score 40 to 70 ${stamp}`, x: `Score over 90 ${stamp}` };
  const definitions = {
    a: rules(score("greater_than", 60)),
    b: rules(score("greater_or_equal", 40), score("less_or_equal", 70)),
    x: rules(score("greater_than", 90)),
  };
  for (const which of ["a", "b", "x"] as const) {
    const created = await request.post("/api/v1/segments", {
      headers,
      data: { name: names[which], type: "dynamic", rules: definitions[which] },
    });
    expect(created.status()).toBe(201);
  }
  // The engine's count of the same audience: score ≥ 40, not over 90, subscribed.
  const preview = await request.post("/api/v1/segments/preview", {
    headers,
    data: {
      rules: rules(score("greater_or_equal", 40), score("less_or_equal", 90), {
        field: "contact.subscriptionStatus",
        operator: "equals",
        value: "ACTIVE",
      }),
    },
  });
  expect(preview.status()).toBe(200);
  const expected = ((await preview.json()) as { count: number }).count;
  expect(expected).toBeGreaterThan(0);

  // Create the campaign.
  await page.goto("/campaigns");
  await page.getByRole("link", { name: "New campaign" }).first().click();
  await page.getByLabel("Name").fill(`Spring offer ${stamp}`);
  await page.getByLabel("Subject").fill("Our spring offer");
  await page.getByLabel("Message").fill("Hello! Spring is here.");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByRole("heading", { name: `Spring offer ${stamp}` })).toBeVisible();

  // Audience: two segments and an exclusion; the live count follows.
  const finalCount = page.getByTestId("final-audience");
  await choose(page, "Segment to include", names.a);
  await page.getByRole("button", { name: "Include", exact: true }).click();
  await expect(page.getByRole("link", { name: names.a })).toBeVisible();
  await choose(page, "Segment to include", names.b);
  await page.getByRole("button", { name: "Include", exact: true }).click();
  await choose(page, "Segment to exclude", names.x);
  await page.getByRole("button", { name: "Exclude", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Counting" })).toHaveCount(0);
  await expect(finalCount).toHaveText(expected.toLocaleString("en-US"));
  const advice = expected < 100 ? "Good for testing" : expected <= 1000 ? "Standard campaign size" : "Large";
  await expect(page.getByRole("region", { name: "Audience size" })).toContainText(advice);

  // Send: the audience is frozen and the report appears.
  await page.getByRole("button", { name: "Send now" }).click();
  await expect(page.getByText("Sent", { exact: true }).first()).toBeVisible({ timeout: 60_000 });
  const report = page.getByRole("table", { name: "Campaign report" });
  await expect(report).toBeVisible();
  const total = report.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Total" }) });
  await expect(total.getByRole("cell").first()).toHaveText(expected.toLocaleString("en-US"));
  await expect(report.getByRole("link", { name: names.a })).toBeVisible();

  // The segment's page lists the campaign.
  await report.getByRole("link", { name: names.a }).click();
  await expect(page.getByRole("link", { name: `Spring offer ${stamp}` })).toBeVisible();

  // Compare two segments.
  await page.goto("/segments");
  await page.getByRole("link", { name: "Compare" }).click();
  await page.getByLabel("Segment A").selectOption({ label: names.a });
  await page.getByLabel("Segment B").selectOption({ label: names.b });
  await page.getByRole("button", { name: "Compare" }).click();
  const comparison = page.getByRole("table", { name: "Segment comparison" });
  await expect(comparison).toContainText("Conversion rate");
  await expect(comparison).toContainText("Open rate");
  await expect(page.getByText(/contacts are in\s+both/)).toBeVisible();
});
