import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRequest, companyWithKey, routeParams } from "@/lib/api/test-helpers";
import { createSegment } from "@/lib/data/segments/segment-writes";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { runJobsInline } from "@/test/inline-jobs";
import { GET as getContact } from "./contacts/[id]/route";
import { POST as addMembers, GET as listMembers, DELETE as removeMembers } from "./segments/[id]/contacts/route";
import { GET as exportCsv } from "./segments/[id]/contacts.csv/route";
import { POST as recalculate } from "./segments/[id]/recalculate/route";
import { DELETE as deleteSegment, GET as getSegment, PATCH as patchSegment } from "./segments/[id]/route";

let t: TestDatabase;
let acme: { companyId: string; key: string };
let globex: { companyId: string; key: string };
let segmentId: string;
let contactId: string;

beforeAll(async () => {
  runJobsInline();
  t = await createTestDatabase();
  setDb(t.db);
  acme = await companyWithKey(t.db, "acme");
  globex = await companyWithKey(t.db, "globex");
  contactId = (await t.db.contact.create({ data: { companyId: acme.companyId, email: "ada@acme.test" } })).id;
  await t.db.contact.create({ data: { companyId: globex.companyId, email: "gus@globex.test" } });
  segmentId = (await createSegment(acme.companyId, null, { name: "Acme VIPs", type: "STATIC" })).id;
  await t.db.segmentMembership.create({
    data: { companyId: acme.companyId, segmentId, contactId, addedVia: "MANUAL" },
  });
});

afterAll(async () => {
  await t?.close();
});

describe("tenant isolation", () => {
  it("answers 404 in the one error shape to every endpoint given another company's id, changing nothing", async () => {
    const key = globex.key;
    const segment = routeParams({ id: segmentId });
    const path = `/api/v1/segments/${segmentId}`;
    const calls: [string, Promise<Response>][] = [
      [
        "GET contact",
        getContact(apiRequest("GET", `/api/v1/contacts/${contactId}`, { key }), routeParams({ id: contactId })),
      ],
      ["GET segment", getSegment(apiRequest("GET", path, { key }), segment)],
      ["PATCH segment", patchSegment(apiRequest("PATCH", path, { key, body: { name: "Mine now" } }), segment)],
      ["DELETE segment", deleteSegment(apiRequest("DELETE", `${path}?force=true`, { key }), segment)],
      ["POST recalculate", recalculate(apiRequest("POST", `${path}/recalculate`, { key }), segment)],
      ["GET members", listMembers(apiRequest("GET", `${path}/contacts`, { key }), segment)],
      [
        "POST members",
        addMembers(apiRequest("POST", `${path}/contacts`, { key, body: { emails: ["gus@globex.test"] } }), segment),
      ],
      [
        "DELETE members",
        removeMembers(apiRequest("DELETE", `${path}/contacts`, { key, body: { contactIds: [contactId] } }), segment),
      ],
      ["GET contacts.csv", exportCsv(apiRequest("GET", `${path}/contacts.csv`, { key }), segment)],
    ];
    for (const [name, call] of calls) {
      const response = await call;
      expect({ name, status: response.status }).toEqual({ name, status: 404 });
      expect(await response.json()).toEqual({ error: { code: "not_found", message: expect.any(String) } });
    }
    const stored = await t.db.segment.findUniqueOrThrow({
      where: { companyId_id: { companyId: acme.companyId, id: segmentId } },
    });
    expect(stored.name).toBe("Acme VIPs");
    expect(await t.db.segmentMembership.count({ where: { segmentId } })).toBe(1);
  });
});
