import { request as httpRequest } from "node:http";
import { expect, type Page, test } from "@playwright/test";
import { MARKETER, signIn, signOut } from "./helpers";

/**
 * The hardening a browser or a hostile client meets: security headers and a CSP that the
 * pages live with, sessions that end at sign-out, sign-in throttling, cross-origin posts
 * refused, oversized bodies answered 413.
 */

/** Records CSP violations (from the page's own event and the console) from the next page load on. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction("__reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation(
        `${event.violatedDirective}: ${event.blockedURI}`,
      );
    });
  });
  return violations;
}

/** A raw POST (node's http, so the body can go chunked without Content-Length); the status, or the error if the server hung up first. */
function rawPost(
  url: string,
  headers: Record<string, string>,
  totalBytes: number,
  chunked: boolean,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: "POST",
        headers: chunked ? headers : { ...headers, "content-length": String(totalBytes) },
      },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => {
          body += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    const chunk = Buffer.alloc(256 * 1024, "a");
    let sent = 0;
    const write = () => {
      while (sent < totalBytes) {
        sent += chunk.byteLength;
        if (!req.write(chunk)) return req.once("drain", write);
      }
      req.end();
    };
    write();
  });
}

test("pages carry the security headers and run with no CSP violation", async ({ page, baseURL }) => {
  const violations = await watchCsp(page);
  const login = await page.goto("/login");
  const headers = login?.headers() ?? {};
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["strict-transport-security"]).toBeUndefined();

  // The client-side form check runs (JavaScript allowed by the nonce), then a real sign-in.
  await signIn(page, MARKETER);
  await expect(page.getByRole("table")).toBeVisible();
  // A contact's page (client navigation) and the segment builder (interactive, inline styles).
  await page.getByRole("table").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}/);
  await page.goto("/segments/new");
  await page.waitForLoadState("networkidle");
  await page.goto("/campaigns");
  await page.goto("/settings");
  await expect(page.getByRole("button", { name: "Change password" })).toBeVisible();
  // Client navigation and a server action round trip (a field error from the server).
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Enter your current password")).toBeVisible();
  expect(violations).toEqual([]);

  // Over https (as a proxy reports it) HSTS is added; API answers get their own policy.
  const overHttps = await page.request.get(`${baseURL}/login`, { headers: { "x-forwarded-proto": "https" } });
  expect(overHttps.headers()["strict-transport-security"]).toMatch(/max-age=\d+/);
  const api = await page.request.get(`${baseURL}/api/v1/custom-fields`);
  expect(api.status()).toBe(401);
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
});

test("a session token stops working once its user signs out", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, MARKETER);
  const cookies = await context.cookies();
  await signOut(page);
  await context.close();

  // Someone who copied the cookie before the sign-out tries it in another browser.
  const thief = await browser.newContext();
  await thief.addCookies(cookies);
  const stolen = await thief.newPage();
  await stolen.goto("/contacts");
  await expect(stolen).toHaveURL(/\/login/);
  await thief.close();
});

test("repeated wrong passwords are throttled with a message saying how long to wait", async ({ page }) => {
  await page.goto("/login");
  const email = `nobody-${Date.now().toString(36)}@acme.dev`;
  await expect(async () => {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Too many failed sign-ins. Try again in")).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 40_000 });
});

test("cross-origin posts are refused with 403", async ({ page, baseURL }) => {
  const evil = { origin: "http://evil.example" };
  const action = await page.request.post(`${baseURL}/login`, {
    headers: { ...evil, "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8" },
    data: "[]",
  });
  expect(action.status()).toBe(403);
  const upload = await page.request.post(`${baseURL}/contacts/import/upload?name=x.csv`, {
    headers: { ...evil, "content-type": "text/csv" },
    data: "email\na@b.c\n",
  });
  expect(upload.status()).toBe(403);
  expect(await upload.json()).toEqual({ error: "Cross-origin requests are not allowed" });
});

test("oversized bodies are answered 413: server actions and the API, with or without Content-Length", async ({
  page,
  baseURL,
}) => {
  const origin = baseURL as string;
  const actionHeaders = { origin, "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8" };
  for (const chunked of [false, true]) {
    const response = await rawPost(`${origin}/login`, actionHeaders, 50 * 1024 * 1024, chunked);
    expect(response.status, `action, chunked=${chunked}`).toBe(413);
    expect(response.body).toContain("too large");
  }

  await signIn(page, MARKETER);
  await page.goto("/settings/api-keys");
  await page.getByLabel("Name").fill(`body limit ${Date.now().toString(36)}`);
  await page.getByRole("button", { name: "Create key" }).click();
  const key = await page.getByLabel("New API key").inputValue();
  const apiHeaders = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  const api = await rawPost(`${origin}/api/v1/contacts`, apiHeaders, 50 * 1024 * 1024, true);
  expect(api.status).toBe(413);
  expect(JSON.parse(api.body)).toMatchObject({ error: { code: "payload_too_large" } });
});
