import { expect, test } from "@playwright/test";
import { MARKETER, signIn } from "./helpers";

test("schedule a campaign for later: its segment's rules are locked until it is cancelled", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await signIn(page, MARKETER);
  const stamp = Date.now();
  const segmentName = `Next week audience ${stamp}`;
  const campaignName = `Next week ${stamp}`;

  // A segment to target, created through the API with a fresh key.
  await page.goto("/settings/api-keys");
  await page.getByLabel("Name", { exact: true }).fill(`schedule e2e ${stamp}`);
  await page.getByRole("button", { name: "Create key" }).click();
  const key = await page.getByLabel("New API key").inputValue();
  const created = await request.post("/api/v1/segments", {
    headers: { authorization: `Bearer ${key}` },
    data: {
      name: segmentName,
      type: "dynamic",
      rules: {
        match: "all",
        groups: [{ match: "all", conditions: [{ field: "contact.leadScore", operator: "greater_than", value: 50 }] }],
      },
    },
  });
  expect(created.status()).toBe(201);
  const segmentId = ((await created.json()) as { id: string }).id;

  // A draft with that audience.
  await page.goto("/campaigns/new");
  await page.getByLabel("Name").fill(campaignName);
  await page.getByLabel("Subject").fill("See you next week");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByRole("heading", { name: campaignName })).toBeVisible();
  const include = page.getByLabel("Segment to include");
  await include.selectOption((await include.locator("option", { hasText: segmentName }).getAttribute("value")) ?? "");
  await page.getByRole("button", { name: "Include", exact: true }).click();
  await expect(page.getByRole("link", { name: segmentName })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Counting" })).toHaveCount(0);

  // A time in the past is refused in place; a week ahead schedules it.
  const sendAt = page.getByLabel("Send at");
  await sendAt.fill("2020-01-01T09:00");
  await page.getByRole("button", { name: "Schedule", exact: true }).click();
  await expect(page.getByText("Choose a time in the future")).toBeVisible();
  await expect(sendAt).toHaveAttribute("aria-invalid", "true");
  const nextWeek = new Date(Date.now() + 7 * 24 * 3600_000);
  const local = new Date(nextWeek.getTime() - nextWeek.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await sendAt.fill(local);
  await page.getByRole("button", { name: "Schedule", exact: true }).click();
  await expect(page.getByText("Scheduled", { exact: true }).first()).toBeVisible();
  await expect(page.getByTestId("scheduled-at")).toContainText("needs the background worker");
  await expect(page.getByRole("button", { name: "Unschedule" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Send now" })).toHaveCount(0);

  // The segment's rules are locked while the campaign is scheduled.
  await page.goto(`/segments/${segmentId}/edit`);
  await expect(page.getByText(/The rules cannot change while the scheduled or sending campaign/)).toContainText(
    campaignName,
  );

  // Cancelled: nothing was sent, and the rules are free again.
  await page.goBack();
  await page.getByRole("button", { name: "Cancel campaign" }).click();
  await expect(page.getByText("Cancelled before sending: nobody was sent it.")).toBeVisible();
  await page.goto(`/segments/${segmentId}/edit`);
  await expect(page.getByRole("heading", { name: `Edit “${segmentName}”` })).toBeVisible();
  await expect(page.getByText(/The rules cannot change while/)).toHaveCount(0);
});
