import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRequest, companyWithKey, noParams, routeParams } from "@/lib/api/test-helpers";
import { findErasure, listAuditLog } from "@/lib/data/platform/audit-log";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { DELETE } from "./[id]/route";
import { POST } from "./delete/route";

let t: TestDatabase;
let acme: { companyId: string; key: string };
let globex: { companyId: string; key: string };

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  acme = await companyWithKey(t.db, "acme");
  globex = await companyWithKey(t.db, "globex");
});

afterAll(async () => {
  await t?.close();
});

async function contact(companyId: string, email: string): Promise<string> {
  return (await t.db.contact.create({ data: { companyId, email }, select: { id: true } })).id;
}

async function deleteOne(id: string, options: { key?: string; query?: string } = {}) {
  const path = `/api/v1/contacts/${id}${options.query ?? ""}`;
  const response = await DELETE(apiRequest("DELETE", path, { key: options.key ?? acme.key }), routeParams({ id }));
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
}

async function bulk(body: unknown, key = acme.key) {
  const response = await POST(apiRequest("POST", "/api/v1/contacts/delete", { key, body }), noParams);
  return { status: response.status, body: await response.json() };
}

const exists = async (id: string) => (await t.db.contact.count({ where: { id } })) > 0;

describe("DELETE /api/v1/contacts/:id", () => {
  it("deletes the key's company's contact (204) and audits it under the key", async () => {
    const id = await contact(acme.companyId, "one@acme.example");
    expect(await deleteOne(id)).toEqual({ status: 204, body: null });
    expect(await exists(id)).toBe(false);
    const [entry] = await listAuditLog(acme.companyId);
    expect(entry).toMatchObject({ action: "CONTACTS_DELETED", count: 1, actorKind: "apiKey" });
    expect(entry?.actorLabel).toMatch(/^API key acme test key \(/);
    expect(await deleteOne(id)).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
  });

  it("answers 404 for another company's contact and deletes nothing", async () => {
    const id = await contact(globex.companyId, "theirs@globex.example");
    expect(await deleteOne(id)).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    expect(await deleteOne("not-a-uuid")).toMatchObject({ status: 404 });
    expect(await exists(id)).toBe(true);
  });

  it("forgets with ?forget=true, and refuses a bad flag", async () => {
    const id = await contact(acme.companyId, "gone@acme.example");
    expect(await deleteOne(id, { query: "?forget=yes" })).toMatchObject({
      status: 400,
      body: { error: { code: "validation_error" } },
    });
    expect(await exists(id)).toBe(true);
    expect(await deleteOne(id, { query: "?forget=true" })).toEqual({ status: 204, body: null });
    expect(await findErasure(acme.companyId, "gone@acme.example")).toBeInstanceOf(Date);
  });

  it("asks for a key", async () => {
    const response = await DELETE(apiRequest("DELETE", "/api/v1/contacts/x"), routeParams({ id: "x" }));
    expect(response.status).toBe(401);
  });
});

describe("POST /api/v1/contacts/delete", () => {
  it("deletes by ids and emails, naming what it did not find (another company's included)", async () => {
    const a = await contact(acme.companyId, "a@acme.example");
    const b = await contact(acme.companyId, "b@acme.example");
    const theirs = await contact(globex.companyId, "c@globex.example");
    const theirsByEmail = await contact(globex.companyId, "b2@acme.example");
    const result = await bulk({
      contactIds: [a, theirs, "nope"],
      emails: ["B@acme.example", "b2@acme.example", "missing@acme.example"],
    });
    expect(result).toEqual({
      status: 200,
      body: {
        deleted: 2,
        unknownContactIds: [theirs, "nope"],
        unknownEmails: ["b2@acme.example", "missing@acme.example"],
      },
    });
    expect([await exists(a), await exists(b), await exists(theirs), await exists(theirsByEmail)]).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });

  it("forgets with forget: true", async () => {
    await contact(acme.companyId, "erase@acme.example");
    expect(await bulk({ emails: ["erase@acme.example"], forget: true })).toMatchObject({
      status: 200,
      body: { deleted: 1 },
    });
    expect(await findErasure(acme.companyId, "erase@acme.example")).toBeInstanceOf(Date);
  });

  it("refuses an empty, oversized or malformed request with field issues", async () => {
    for (const body of [
      {},
      { contactIds: [] },
      { contactIds: "x" },
      { emails: [1] },
      { emails: ["a@b.example"], forget: "yes" },
      { emails: ["a@b.example"], other: 1 },
      { contactIds: Array.from({ length: 600 }, (_, i) => `id${i}`), emails: Array.from({ length: 600 }, () => "e") },
    ]) {
      const result = await bulk(body);
      expect(result.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(result.body.error.code).toBe("validation_error");
      expect(result.body.error.issues.length).toBeGreaterThan(0);
    }
  });
});
