import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRequest, companyWithKey, noParams, routeParams } from "@/lib/api/test-helpers";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { POST as createCampaign, GET as listCampaigns } from "./campaigns/route";
import { GET as getContact } from "./contacts/[id]/route";
import { POST as upsertContacts } from "./contacts/route";
import { POST as createCustomField } from "./custom-fields/route";
import { POST as recordEvents } from "./events/route";
import { POST as addMembers, GET as listMembers } from "./segments/[id]/contacts/route";
import { GET as getSegment, PATCH as updateSegment } from "./segments/[id]/route";
import { POST as previewSegment } from "./segments/preview/route";
import { POST as createSegment, GET as listSegments } from "./segments/route";

/**
 * Text PostgreSQL cannot store (NUL, a lone UTF-16 surrogate) in any text the API takes:
 * a field error (400, or the row's error in a bulk request), never a 500, and the valid
 * rows of a bulk request are still written.
 */

const NUL = "\u0000";
const LONE_SURROGATE = "\ud800";

let t: TestDatabase;
let acme: { companyId: string; key: string };

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  acme = await companyWithKey(t.db, "acme");
  await t.db.customFieldDefinition.create({
    data: { companyId: acme.companyId, key: "nickname", label: "Nickname", type: "TEXT" },
  });
});

afterAll(async () => {
  await t?.close();
});

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

async function call<P>(handler: Handler<P>, method: string, path: string, body?: unknown, params?: P) {
  const response = await handler(
    apiRequest(method, path, { key: acme.key, body }),
    (params ? routeParams(params) : noParams) as { params: Promise<P> },
  );
  return { status: response.status, body: await response.json() };
}

const issuePaths = (body: { error?: { issues?: { path: unknown[] }[] } }) =>
  (body.error?.issues ?? []).map((issue) => issue.path.join("."));

describe("POST /api/v1/contacts", () => {
  it("reports the row with NUL by index and field and writes the valid rows", async () => {
    const result = await call(upsertContacts, "POST", "/api/v1/contacts", {
      contacts: [
        { email: "ok1@example.com", firstName: "Ada" },
        { email: "bad@example.com", firstName: `A${NUL}da` },
        { email: "ok2@example.com", customFields: { nickname: "Bo" } },
        { email: "bad2@example.com", customFields: { nickname: `B${NUL}o` } },
        { email: "bad3@example.com", tags: [`vip${NUL}`] },
        { email: `bad4${NUL}@example.com` },
        { email: "bad5@example.com", city: `Par${LONE_SURROGATE}is` },
      ],
    });
    expect(result.status).toBe(200);
    expect(result.body.created).toBe(2);
    expect(result.body.errors.map((e: { index: number }) => e.index)).toEqual([1, 3, 4, 5, 6]);
    expect(result.body.errors[0].message).toMatch(/^firstName: .*NUL/);
    expect(result.body.errors[1].message).toMatch(/^customFields\.nickname: .*NUL/);
    expect(result.body.errors[4].message).toMatch(/^city: /);
    const emails = await t.db.contact.findMany({ where: { companyId: acme.companyId }, select: { email: true } });
    expect(emails.map((c) => c.email).sort()).toEqual(["ok1@example.com", "ok2@example.com"]);
  });

  it("rejects a NUL in a custom field key as that row's error", async () => {
    const result = await call(upsertContacts, "POST", "/api/v1/contacts", {
      contacts: [{ email: "ok3@example.com" }, { email: "bad6@example.com", customFields: { [`nick${NUL}`]: "x" } }],
    });
    expect(result.status).toBe(200);
    expect(result.body.created).toBe(1);
    expect(result.body.errors).toHaveLength(1);
    expect(result.body.errors[0].index).toBe(1);
  });
});

describe("POST /api/v1/events", () => {
  it("reports the event with NUL and records the valid ones", async () => {
    const result = await call(recordEvents, "POST", "/api/v1/events", {
      events: [
        { email: "ok1@example.com", type: "page_visited", occurredAt: "2024-05-01T09:30:00Z", url: "https://a.io" },
        { email: "ok1@example.com", type: "page_visited", occurredAt: "2024-05-01T09:31:00Z", url: `https://a${NUL}` },
        { email: "ok1@example.com", type: "email_sent", occurredAt: "2024-05-01T09:32:00Z", campaignId: `c${NUL}` },
        { email: `ok1${NUL}@example.com`, type: "email_sent", occurredAt: "2024-05-01T09:32:00Z" },
        { contactId: `x${NUL}`, type: "email_sent", occurredAt: "2024-05-01T09:32:00Z" },
      ],
    });
    expect(result.status).toBe(200);
    expect(result.body.accepted).toBe(1);
    expect(result.body.errors.map((e: { index: number }) => e.index)).toEqual([1, 2, 3, 4]);
    expect(result.body.errors[0].message).toMatch(/^url: .*NUL/);
  });
});

describe("named things", () => {
  it("POST /api/v1/custom-fields: a field error on the label, key or an option", async () => {
    for (const [body, path] of [
      [{ key: "plan", label: `Pl${NUL}an`, type: "TEXT" }, "label"],
      [{ key: `plan${NUL}`, label: "Plan", type: "TEXT" }, "key"],
      [{ key: "plan", label: "Plan", type: "SELECT", options: ["Pro", `Fr${NUL}ee`] }, "options.1"],
    ] as const) {
      const result = await call(createCustomField, "POST", "/api/v1/custom-fields", body);
      expect(result.status, JSON.stringify(body)).toBe(400);
      expect(issuePaths(result.body)).toContain(path);
    }
  });

  it("POST /api/v1/campaigns: a field error on the name or subject", async () => {
    for (const [body, path] of [
      [{ name: `Spring${NUL}` }, "name"],
      [{ name: "Spring", subject: `Hi${NUL}` }, "subject"],
      [{ name: `Spring${LONE_SURROGATE}` }, "name"],
    ] as const) {
      const result = await call(createCampaign, "POST", "/api/v1/campaigns", body);
      expect(result.status).toBe(400);
      expect(issuePaths(result.body)).toContain(path);
    }
  });

  it("POST /api/v1/segments: a field error on the name, description or a rule value", async () => {
    const rules = (value: unknown) => ({
      match: "all",
      groups: [{ match: "all", conditions: [{ field: "contact.firstName", operator: "equals", value }] }],
    });
    for (const [body, path] of [
      [{ name: `VIP${NUL}`, type: "static" }, "name"],
      [{ name: "VIP", description: `d${NUL}`, type: "static" }, "description"],
      [{ name: "VIP", type: "static", emails: [`a${NUL}@example.com`] }, "emails.0"],
      [{ name: "VIP", type: "static", contactIds: [`x${NUL}`] }, "contactIds.0"],
      [{ name: "VIP", type: "dynamic", rules: rules(`Ada${NUL}`) }, "rules.groups.0.conditions.0.value"],
    ] as const) {
      const result = await call(createSegment, "POST", "/api/v1/segments", body);
      expect(result.status, JSON.stringify(body)).toBe(400);
      expect(issuePaths(result.body)).toContain(path);
    }
  });

  it("PATCH /api/v1/segments/:id and the preview: a field error", async () => {
    const created = await call(createSegment, "POST", "/api/v1/segments", { name: "Static one", type: "static" });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const patched = await call(updateSegment, "PATCH", `/api/v1/segments/${id}`, { name: `x${NUL}` }, { id });
    expect(patched.status).toBe(400);
    expect(issuePaths(patched.body)).toContain("name");
    const preview = await call(previewSegment, "POST", "/api/v1/segments/preview", {
      rules: {
        match: "all",
        groups: [
          { match: "all", conditions: [{ field: "contact.tags", operator: "contains_any", value: [`a${NUL}`] }] },
        ],
      },
    });
    expect(preview.status).toBe(400);
  });
});

describe("search parameters", () => {
  it("?q=%00 answers a 400 JSON error on every list, never a 500", async () => {
    const created = await call(createSegment, "POST", "/api/v1/segments", { name: "Listed", type: "static" });
    const id = created.body.id as string;
    for (const [handler, path, params] of [
      [listSegments, "/api/v1/segments?q=%00", undefined],
      [listCampaigns, "/api/v1/campaigns?q=a%00b", undefined],
      [listMembers, `/api/v1/segments/${id}/contacts?q=%00`, { id }],
      [listSegments, "/api/v1/segments?cursor=%00", undefined],
    ] as const) {
      const result = await call(handler as Handler<unknown>, "GET", path, undefined, params);
      expect(result.status, path).toBe(400);
      expect(result.body.error.code).toBe("validation_error");
    }
  });
});

describe("ids in the path and in bodies", () => {
  it("an id with a NUL character is not found (path) or a field error (body), never a 500", async () => {
    const id = "4f9c2d0e-8a55-4a3a-9f0e-2b7f6f6f0a11\u0000";
    expect((await call(getContact, "GET", "/api/v1/contacts/x", undefined, { id })).status).toBe(404);
    expect((await call(getSegment, "GET", "/api/v1/segments/x", undefined, { id })).status).toBe(404);
    const created = await call(createSegment, "POST", "/api/v1/segments", { name: "Members", type: "static" });
    const segmentId = created.body.id as string;
    const added = await call(
      addMembers,
      "POST",
      `/api/v1/segments/${segmentId}/contacts`,
      { contactIds: [id], emails: ["ok1@example.com"] },
      { id: segmentId },
    );
    expect(added.status).toBe(400);
    expect(issuePaths(added.body)).toContain("contactIds.0");
  });
});
