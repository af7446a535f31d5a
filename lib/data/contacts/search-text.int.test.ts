import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { listCampaignPage } from "../campaigns/campaigns";
import { listSegmentMemberPage } from "../segments/segment-member-list";
import { listSegments } from "../segments/segment-reads";
import { listContacts } from "./contacts";

/**
 * The app's search boxes (`?q=` of the contacts, segments, campaigns and members lists):
 * text PostgreSQL cannot store (NUL, a lone surrogate) is removed from the search, never a 500.
 */

let t: TestDatabase;
let companyId: string;
let segmentId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  companyId = (await t.db.company.create({ data: { name: "Acme", slug: "acme" } })).id;
  const ada = await t.db.contact.create({ data: { companyId, email: "ada@example.com", firstName: "Ada" } });
  await t.db.contact.create({ data: { companyId, email: "bob@example.com", firstName: "Bob" } });
  segmentId = (await t.db.segment.create({ data: { companyId, name: "Adalists", type: "STATIC", contactCount: 1 } }))
    .id;
  await t.db.segmentMembership.create({ data: { companyId, segmentId, contactId: ada.id, addedVia: "MANUAL" } });
  await t.db.campaign.create({ data: { companyId, name: "Ada launch" } });
});

afterAll(async () => {
  await t?.close();
});

describe("search text with a NUL character or a lone surrogate", () => {
  it("searches for the rest of the text", async () => {
    for (const q of ["a\u0000da", "ada\ud800", "\udc00ada"]) {
      expect((await listContacts(companyId, { q })).rows.map((row) => row.email)).toEqual(["ada@example.com"]);
      expect((await listSegments(companyId, { q })).rows.map((row) => row.name)).toEqual(["Adalists"]);
      expect((await listCampaignPage(companyId, { q })).rows.map((row) => row.name)).toEqual(["Ada launch"]);
      expect((await listSegmentMemberPage(companyId, segmentId, { q })).rows.map((row) => row.email)).toEqual([
        "ada@example.com",
      ]);
    }
  });

  it("a search of only such characters lists everything", async () => {
    expect((await listContacts(companyId, { q: "\u0000" })).rows).toHaveLength(2);
  });
});
