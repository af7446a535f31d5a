import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRequest, companyWithKey, noParams, routeParams } from "@/lib/api/test-helpers";
import { countMatching } from "@/lib/data/segments/segment-preview";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { POST as addContacts, DELETE as deleteContacts, GET as listContacts } from "./[id]/contacts/route";
import { POST as recalculate } from "./[id]/recalculate/route";
import { DELETE as deleteOne, GET as getOne, PATCH as patchOne } from "./[id]/route";
import { POST as preview } from "./preview/route";
import { POST as create, GET as list } from "./route";

let t: TestDatabase;
let acme: { companyId: string; key: string };
let globex: { companyId: string; key: string };
/** Acme's contacts by email; lead scores 10, 20, ..., 120. */
const contactId: Record<string, string> = {};

const scoreAbove = (n: number) => ({
  match: "all",
  groups: [{ match: "all", conditions: [{ field: "contact.leadScore", operator: "greater_than", value: n }] }],
});

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  acme = await companyWithKey(t.db, "acme");
  globex = await companyWithKey(t.db, "globex");
  for (let i = 1; i <= 12; i++) {
    const contact = await t.db.contact.create({
      data: { companyId: acme.companyId, email: `person${i}@acme.test`, firstName: `Person${i}`, leadScore: i * 10 },
    });
    contactId[contact.email] = contact.id;
  }
  await t.db.contact.create({ data: { companyId: globex.companyId, email: "someone@globex.test", leadScore: 99 } });
});

afterAll(async () => {
  await t?.close();
});

type Call = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

async function call(
  handler: unknown,
  method: string,
  path: string,
  options: { body?: unknown; params?: object; key?: string } = {},
) {
  const response = await (handler as Call)(
    apiRequest(method, path, { key: options.key ?? acme.key, body: options.body }),
    (options.params ? routeParams(options.params) : noParams) as { params: Promise<never> },
  );
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe("POST /api/v1/segments", () => {
  it("creates a dynamic segment (201) and fills it from its rules", async () => {
    const { status, body } = await call(create, "POST", "/api/v1/segments", {
      body: { name: "Hot leads", type: "dynamic", rules: scoreAbove(80) },
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ name: "Hot leads", type: "dynamic", rules: scoreAbove(80) });
    // No Inngest server here: the first recalculation ran in the request.
    expect(body.recalculation).toEqual({ mode: "inline" });
    expect(body.contactCount).toBe(4);
    expect(body.lastRecalculatedAt).toEqual(expect.any(String));
  });

  it("creates a static segment with contacts by id and email; unknown ones are reported", async () => {
    const { status, body } = await call(create, "POST", "/api/v1/segments", {
      body: {
        name: "Hand picked",
        type: "static",
        contactIds: [contactId["person1@acme.test"], "not-a-uuid"],
        emails: ["PERSON2@acme.test", "nobody@acme.test", "someone@globex.test"],
      },
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ type: "static", rules: null, contactCount: 2 });
    expect(body.members).toEqual({
      added: 2,
      unknownContactIds: ["not-a-uuid"],
      unknownEmails: ["nobody@acme.test", "someone@globex.test"],
    });
    const stored = await t.db.segmentMembership.findMany({ where: { segmentId: body.id } });
    expect(stored.map((m) => m.addedVia)).toEqual(["API", "API"]);
  });

  it("answers 400 with issue paths into the rules", async () => {
    const rules = {
      match: "all",
      groups: [
        {
          match: "all",
          conditions: [
            { field: "contact.leadScore", operator: "greater_than", value: 5 },
            { field: "contact.leadScore", operator: "greater_than", value: "lots" },
          ],
        },
      ],
    };
    const { status, body } = await call(create, "POST", "/api/v1/segments", {
      body: { name: "Broken", type: "dynamic", rules },
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe("validation_error");
    expect(body.error.issues.map((issue: { path: unknown }) => issue.path)).toContainEqual([
      "rules",
      "groups",
      0,
      "conditions",
      1,
      "value",
    ]);
    const noName = await call(create, "POST", "/api/v1/segments", { body: { type: "static" } });
    expect(noName.status).toBe(400);
    expect(noName.body.error.issues).toEqual([{ path: ["name"], message: "enter a name" }]);
    expect(await t.db.segment.count({ where: { name: "Broken" } })).toBe(0);
  });

  it("answers 409 for a name already taken (any case)", async () => {
    const { status, body } = await call(create, "POST", "/api/v1/segments", {
      body: { name: "HOT LEADS", type: "static" },
    });
    expect(status).toBe(409);
    expect(body.error.code).toBe("conflict");
  });
});

describe("GET / PATCH /api/v1/segments/:id", () => {
  it("reads a segment, and 404s another company's or a non-UUID id", async () => {
    const segment = await t.db.segment.findFirstOrThrow({ where: { name: "Hot leads" } });
    const own = await call(getOne, "GET", `/api/v1/segments/${segment.id}`, { params: { id: segment.id } });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ id: segment.id, contactCount: 4 });

    const foreign = await call(getOne, "GET", `/api/v1/segments/${segment.id}`, {
      params: { id: segment.id },
      key: globex.key,
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("not_found");
    for (const handler of [patchOne, deleteOne, recalculate, listContacts]) {
      const method = handler === patchOne ? "PATCH" : handler === deleteOne ? "DELETE" : "GET";
      const response = await call(handler, method, `/api/v1/segments/${segment.id}`, {
        params: { id: segment.id },
        key: globex.key,
        body: handler === patchOne ? { name: "Stolen" } : undefined,
      });
      expect(response.status).toBe(404);
    }
    expect((await call(getOne, "GET", "/api/v1/segments/abc", { params: { id: "abc" } })).status).toBe(404);
    expect(await t.db.segment.count({ where: { id: segment.id } })).toBe(1);
  });

  it("changes rules and recalculates; a rename alone does not", async () => {
    const segment = await t.db.segment.findFirstOrThrow({ where: { name: "Hot leads" } });
    const changed = await call(patchOne, "PATCH", `/api/v1/segments/${segment.id}`, {
      params: { id: segment.id },
      body: { rules: scoreAbove(100) },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ contactCount: 2, definitionVersion: 2, recalculation: { mode: "inline" } });
    const renamed = await call(patchOne, "PATCH", `/api/v1/segments/${segment.id}`, {
      params: { id: segment.id },
      body: { name: "Hottest leads", description: "score over 100" },
    });
    expect(renamed.body).toMatchObject({ name: "Hottest leads", description: "score over 100", definitionVersion: 2 });
    expect(renamed.body.recalculation).toBeUndefined();
    const unknown = await call(patchOne, "PATCH", `/api/v1/segments/${segment.id}`, {
      params: { id: segment.id },
      body: { colour: "red" },
    });
    expect(unknown.status).toBe(400);
  });
});

describe("POST /api/v1/segments/preview", () => {
  it("counts what countMatching counts on the same data, with a sample of at most 10", async () => {
    const rules = scoreAbove(15);
    const { status, body } = await call(preview, "POST", "/api/v1/segments/preview", { body: { rules } });
    expect(status).toBe(200);
    const expected = await countMatching(acme.companyId, rules);
    expect(body.count).toBe(expected.count);
    expect(body.count).toBe(11);
    expect(body.sample).toHaveLength(10);
    expect(body.sample[0]).toMatchObject({ id: expect.any(String), email: expect.stringContaining("@acme.test") });
  });

  it("answers 400 with paths under rules", async () => {
    const { status, body } = await call(preview, "POST", "/api/v1/segments/preview", {
      body: {
        rules: {
          match: "all",
          groups: [{ match: "all", conditions: [{ field: "customField.nope", operator: "is_set" }] }],
        },
      },
    });
    expect(status).toBe(400);
    expect(body.error.issues[0].path.slice(0, 2)).toEqual(["rules", "groups"]);
    expect((await call(preview, "POST", "/api/v1/segments/preview", { body: {} })).status).toBe(400);
  });
});

describe("segment contacts", () => {
  it("adds and removes members of a static segment idempotently", async () => {
    const segment = await t.db.segment.findFirstOrThrow({ where: { name: "Hand picked" } });
    const path = `/api/v1/segments/${segment.id}/contacts`;
    const params = { id: segment.id };
    const ids = [contactId["person3@acme.test"], contactId["person4@acme.test"]] as string[];
    // A dynamic segment "in Hand picked" follows the static one's members.
    const follower = await call(create, "POST", "/api/v1/segments", {
      body: {
        name: "Follows hand picked",
        type: "dynamic",
        rules: {
          match: "all",
          groups: [{ match: "all", conditions: [{ field: "segment", operator: "in_segment", value: segment.id }] }],
        },
      },
    });
    expect(follower.body.contactCount).toBe(2);
    const followerCount = async () =>
      (await t.db.segment.findFirstOrThrow({ where: { id: follower.body.id } })).contactCount;

    const first = await call(addContacts, "POST", path, { params, body: { contactIds: ids } });
    expect(first).toMatchObject({ status: 200, body: { added: 2 } });
    expect(await followerCount()).toBe(4);
    const again = await call(addContacts, "POST", path, {
      params,
      body: { contactIds: ids, emails: ["person1@acme.test"] },
    });
    expect(again.body.added).toBe(0);
    expect(
      (await t.db.segment.findUniqueOrThrow({ where: { companyId_id: { companyId: acme.companyId, id: segment.id } } }))
        .contactCount,
    ).toBe(4);

    const removed = await call(deleteContacts, "DELETE", path, { params, body: { contactIds: ids } });
    expect(removed).toEqual({ status: 200, body: { removed: 2 } });
    const removedAgain = await call(deleteContacts, "DELETE", path, { params, body: { contactIds: ids } });
    expect(removedAgain.body).toEqual({ removed: 0 });
    expect(await followerCount()).toBe(2);

    const members = await call(listContacts, "GET", path, { params });
    expect(members.body.total).toBe(2);
    expect(members.body.contacts.map((c: { email: string }) => c.email).sort()).toEqual([
      "person1@acme.test",
      "person2@acme.test",
    ]);
    expect(await t.db.contact.count({ where: { id: { in: ids } } })).toBe(2);
  });

  it("refuses to change a dynamic segment's members (409)", async () => {
    const segment = await t.db.segment.findFirstOrThrow({ where: { name: "Hottest leads" } });
    const { status, body } = await call(addContacts, "POST", `/api/v1/segments/${segment.id}/contacts`, {
      params: { id: segment.id },
      body: { contactIds: [contactId["person1@acme.test"]] },
    });
    expect(status).toBe(409);
    expect(body.error).toMatchObject({
      code: "conflict",
      message: "membership of a dynamic segment follows its rules",
    });
    const removal = await call(deleteContacts, "DELETE", `/api/v1/segments/${segment.id}/contacts`, {
      params: { id: segment.id },
      body: { contactIds: [contactId["person11@acme.test"]] },
    });
    expect(removal.status).toBe(409);
  });

  it("pages a segment's members with a cursor, limit at most 500", async () => {
    const created = await call(create, "POST", "/api/v1/segments", {
      body: { name: "Everyone", type: "static", contactIds: Object.values(contactId) },
    });
    const path = `/api/v1/segments/${created.body.id}/contacts`;
    const params = { id: created.body.id };
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await call(listContacts, "GET", `${path}?limit=5${cursor ? `&cursor=${cursor}` : ""}`, { params });
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(12);
      seen.push(...page.body.contacts.map((c: { id: string }) => c.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen)).toEqual(new Set(Object.values(contactId)));
    const searched = await call(listContacts, "GET", `${path}?q=PERSON1`, { params });
    expect(searched.body.total).toBe(4); // person1, person10, person11, person12
    expect((await call(listContacts, "GET", `${path}?limit=501`, { params })).status).toBe(400);
  });

  it("recalculates on request (202, inline without a worker)", async () => {
    const segment = await t.db.segment.findFirstOrThrow({ where: { name: "Hottest leads" } });
    const { status, body } = await call(recalculate, "POST", `/api/v1/segments/${segment.id}/recalculate`, {
      params: { id: segment.id },
    });
    expect(status).toBe(202);
    expect(body).toMatchObject({ mode: "inline", result: { status: "succeeded", memberCount: 2 } });
  });
});

describe("GET /api/v1/segments", () => {
  it("pages with a cursor by name and by creation time, without gaps or repeats", async () => {
    for (let i = 0; i < 5; i++) {
      await t.db.segment.create({ data: { companyId: acme.companyId, name: `Batch ${i}`, type: "STATIC" } });
    }
    await t.db.segment.create({ data: { companyId: globex.companyId, name: "Globex only", type: "STATIC" } });
    const total = await t.db.segment.count({ where: { companyId: acme.companyId } });
    for (const query of ["sort=name", "sort=createdAt", "sort=name&order=desc"]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await call(list, "GET", `/api/v1/segments?${query}&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
        expect(page.status).toBe(200);
        seen.push(...page.body.segments.map((s: { name: string }) => s.name));
        cursor = page.body.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
      expect(seen).not.toContain("Globex only");
      if (query === "sort=name") expect(seen.slice(0, 2)).toEqual(["Batch 0", "Batch 1"]);
      if (query === "sort=createdAt") expect(seen[0]).toBe("Batch 4");
    }
    const searched = await call(list, "GET", "/api/v1/segments?q=batch&sort=name");
    expect(searched.body.segments).toHaveLength(5);
    const firstPage = await call(list, "GET", "/api/v1/segments?sort=name&limit=2");
    const mismatched = await call(list, "GET", `/api/v1/segments?sort=createdAt&cursor=${firstPage.body.nextCursor}`);
    expect(mismatched.status).toBe(400);
    expect((await call(list, "GET", "/api/v1/segments?sort=colour")).status).toBe(400);
  });
});

describe("DELETE /api/v1/segments/:id", () => {
  it("refuses with segment_in_use naming a scheduled campaign that excludes it, even with force; contacts remain", async () => {
    const segment = await t.db.segment.findFirstOrThrow({ where: { name: "Everyone" } });
    const campaign = await t.db.campaign.create({
      data: { companyId: acme.companyId, name: "Spring sale", status: "SCHEDULED" },
    });
    await t.db.campaignAudience.create({
      data: { companyId: acme.companyId, campaignId: campaign.id, segmentId: segment.id, role: "EXCLUDE" },
    });
    const path = `/api/v1/segments/${segment.id}`;
    const params = { id: segment.id };
    for (const url of [path, `${path}?force=true`]) {
      const refused = await call(deleteOne, "DELETE", url, { params });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe("segment_in_use");
      expect(refused.body.error.message).toContain('"Spring sale" (scheduled, excludes it)');
      expect(refused.body.error.details).toEqual({
        campaigns: [{ id: campaign.id, name: "Spring sale", status: "SCHEDULED", role: "EXCLUDE" }],
        segments: [],
      });
    }
    expect(await t.db.segment.count({ where: { id: segment.id } })).toBe(1);
    expect(await t.db.campaignAudience.count({ where: { campaignId: campaign.id } })).toBe(1);

    // Once the campaign has gone out, the segment may go; contacts stay.
    await t.db.campaign.updateMany({ where: { id: campaign.id }, data: { status: "SENT" } });
    const contactsBefore = await t.db.contact.count({ where: { companyId: acme.companyId } });
    expect(await call(deleteOne, "DELETE", path, { params })).toEqual({ status: 204, body: null });
    expect(await t.db.segment.count({ where: { id: segment.id } })).toBe(0);
    expect(await t.db.contact.count({ where: { companyId: acme.companyId } })).toBe(contactsBefore);
    expect(contactsBefore).toBe(12);
    expect((await call(deleteOne, "DELETE", path, { params })).status).toBe(404);
  });
});
