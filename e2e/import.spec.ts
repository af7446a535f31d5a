import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { MARKETER, signIn } from "./helpers";

const ROWS = 3_000;

/** A semicolon-separated file with a BOM, a quoted value with a newline, and two bad rows. */
function csvFile(): Buffer {
  const lines = ["\uFEFFE-mail address;First name;Lead score;Nickname"];
  for (let i = 0; i < ROWS; i++) lines.push(`e2e-import-${i}@example.com;Person ${i};${i % 101};"nick\n${i}"`);
  lines.push(";No email;5;x", "bad-score@example.com;Bad;high;y");
  return Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8");
}

test("a marketer imports a CSV into a new segment, watches it run, and downloads the failed rows", async ({ page }) => {
  await signIn(page, MARKETER);
  await page.getByRole("link", { name: "Import contacts" }).click();
  await expect(page.getByRole("heading", { name: "Import contacts" })).toBeVisible();

  await page.getByLabel("CSV file").setInputFiles({ name: "fair-leads.csv", mimeType: "text/csv", buffer: csvFile() });
  await page.getByRole("button", { name: "Upload and map columns" }).click();

  // Auto-mapped by header; the user leaves one column out.
  await expect(page.getByRole("heading", { name: "Map the columns" })).toBeVisible();
  await expect(page.getByLabel("Import column “E-mail address” into")).toHaveValue("email");
  await expect(page.getByLabel("Import column “Lead score” into")).toHaveValue("leadScore");
  await page.getByLabel("Import column “Nickname” into").selectOption({ label: "Don’t import" });
  await expect(page.getByText("✓ Valid").first()).toBeVisible();

  const segmentName = `Fair leads ${Date.now()}`;
  await page.getByLabel("A new static segment").check();
  await page.getByLabel("Segment name").fill(segmentName);
  await page.getByRole("button", { name: "Import 3,002 rows" }).click();

  // Progress, then the result; a reload shows the same.
  const progress = page.getByRole("progressbar", { name: "Import progress" });
  await expect(progress).toBeVisible();
  await expect(page.getByText("Import finished")).toBeVisible({ timeout: 60_000 });
  await expect(progress).toHaveAttribute("aria-valuenow", "100");
  const result = page.getByRole("definition");
  await expect(page.getByText("Created", { exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByText("Import finished")).toBeVisible();
  const counts = await result.allTextContents();
  expect(counts).toEqual(["3,000", "0", "0", "2"]);

  // The failed rows, as they were, with the reason.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download failed rows (CSV)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("fair-leads-failed-rows.csv");
  const failed = (await readFile((await download.path()) as string, "utf8")).replace(/^\uFEFF/, "");
  const lines = failed.trim().split("\r\n");
  expect(lines[0]).toBe("row,E-mail address,First name,Lead score,Nickname,error");
  expect(lines[1]).toBe("3001,,No email,5,x,email: Enter an email address");
  expect(lines[2]).toBe("3002,bad-score@example.com,Bad,high,y,leadScore: Expected a whole number from 0 to 100");

  // The contacts are in the segment.
  await page.getByRole("link", { name: `Open segment “${segmentName}”` }).click();
  await expect(page.getByRole("heading", { name: segmentName })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Members (3,000)" })).toBeVisible();
  await expect(page.getByText("e2e-import-").first()).toBeVisible();

  // And they export back out.
  const exporting = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const exported = await readFile((await (await exporting).path()) as string, "utf8");
  expect(exported.trim().split("\r\n")).toHaveLength(ROWS + 1);
});
