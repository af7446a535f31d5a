import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRequest, companyWithKey, routeParams } from "@/lib/api/test-helpers";
import { autoMapHeaders } from "@/lib/contacts/import-mapping";
import { parseCsvText } from "@/lib/csv/parse";
import { exportSegmentContacts } from "@/lib/data/contacts/contact-export";
import { upsertContacts } from "@/lib/data/contacts/contact-upsert";
import { addStaticMembers } from "@/lib/data/segments/segment-static-members";
import { createSegment } from "@/lib/data/segments/segment-writes";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { GET } from "./[id]/contacts.csv/route";

let t: TestDatabase;
let acme: { companyId: string; key: string };
let globex: { companyId: string; key: string };
let segmentId: string;
const COUNT = 23;

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  acme = await companyWithKey(t.db, "acme");
  globex = await companyWithKey(t.db, "globex");
  await t.db.customFieldDefinition.createMany({
    data: [
      { companyId: acme.companyId, key: "plan", label: "Plan", type: "SELECT", options: ["Free", "Pro"] },
      {
        companyId: acme.companyId,
        key: "interests",
        label: "Interests",
        type: "MULTI_SELECT",
        options: ["AI", "Data"],
      },
      { companyId: acme.companyId, key: "vip", label: "VIP", type: "BOOLEAN" },
    ],
  });
  const contacts = Array.from({ length: COUNT }, (_, i) => ({
    email: `c${i}@example.com`,
    firstName: i === 0 ? 'Ann "the, first"\nLine' : `C${i}`,
    leadScore: i,
    lifecycleStage: "lead",
    tags: ["vip", "beta"],
    customFields: { plan: "Pro", interests: ["AI", "Data"], vip: i % 2 === 0 },
  }));
  expect((await upsertContacts(acme.companyId, contacts)).errors).toEqual([]);
  // Not a member: must not be exported.
  await upsertContacts(acme.companyId, [{ email: "outsider@example.com" }]);
  segmentId = (await createSegment(acme.companyId, null, { name: "Spring fair", type: "STATIC" })).id;
  await addStaticMembers(acme.companyId, segmentId, { emails: contacts.map((c) => c.email) });
});

afterAll(async () => {
  await t?.close();
});

async function get(id: string, key = acme.key) {
  return GET(apiRequest("GET", `/api/v1/segments/${id}/contacts.csv`, { key }), routeParams({ id }));
}

describe("segment contacts as CSV", () => {
  it("pages through every member once, with all fields, tags and custom fields", async () => {
    const exported = await exportSegmentContacts(acme.companyId, segmentId, { pageSize: 5 });
    const rows: string[][] = [];
    for await (const page of exported.rows) rows.push(...page.map((row) => row.map((value) => String(value ?? ""))));
    expect(rows).toHaveLength(COUNT);
    expect(new Set(rows.map((row) => row[1])).size).toBe(COUNT);
    expect(exported.header.slice(-3)).toEqual(["customField.interests", "customField.plan", "customField.vip"]);
  });

  it("streams a CSV file over the API that the import maps back to the same fields", async () => {
    const response = await get(segmentId);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="spring-fair-contacts.csv"');
    const [header, ...rows] = parseCsvText(await response.text());
    expect(rows).toHaveLength(COUNT);
    const column = (name: string) => (header as string[]).indexOf(name);
    const ann = rows.find((row) => row[column("email")] === "c0@example.com") as string[];
    expect(ann[column("firstName")]).toBe('Ann "the, first"\nLine');
    expect(ann[column("lifecycleStage")]).toBe("LEAD");
    expect(ann[column("leadScore")]).toBe("0");
    expect(ann[column("tags")]).toBe("vip;beta");
    expect(ann[column("customField.interests")]).toBe("AI;Data");
    expect(ann[column("customField.vip")]).toBe("true");
    expect(ann[column("createdAt")]).toMatch(/^\d{4}-\d\d-\d\dT/);
    const mapped = autoMapHeaders(header as string[], [
      { key: "plan", label: "Plan" },
      { key: "interests", label: "Interests" },
      { key: "vip", label: "VIP" },
    ]);
    expect(mapped.filter(Boolean)).toEqual(
      expect.arrayContaining(["email", "firstName", "tags", "customField.plan", "customField.interests", "createdAt"]),
    );
  });

  it("answers 404 for another company's segment and 401 without a key", async () => {
    const other = await get(segmentId, globex.key);
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ error: { code: "not_found" } });
    expect((await get("not-a-uuid")).status).toBe(404);
    const anonymous = await GET(
      apiRequest("GET", `/api/v1/segments/${segmentId}/contacts.csv`),
      routeParams({ id: segmentId }),
    );
    expect(anonymous.status).toBe(401);
  });
});
