import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/authz";
import { createSegment } from "@/lib/data/segments/segment-writes";
import { setDb } from "@/lib/db";
import { NUL_MESSAGE } from "@/lib/segments/engine/storable-text";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { addStaticMembersAs, searchContactsToAddAs } from "./static-member-actions";

let t: TestDatabase;
let alpha: string;
let actor: Actor;
let segmentId: string;

beforeAll(async () => {
  delete process.env.INNGEST_EVENT_KEY;
  delete process.env.INNGEST_BASE_URL;
  delete process.env.INNGEST_DEV;
  t = await createTestDatabase();
  setDb(t.db);
  alpha = (await t.db.company.create({ data: { name: "Alpha Co", slug: "alpha" } })).id;
  const userId = (
    await t.db.user.create({ data: { companyId: alpha, email: "m@alpha.example", name: "Mia", passwordHash: "x" } })
  ).id;
  actor = { userId, email: "m@alpha.example", name: "Mia", role: "MEMBER", companyId: alpha };
  await t.db.contact.createMany({
    data: [
      { companyId: alpha, email: "ada@alpha.example", firstName: "Ada" },
      { companyId: alpha, email: "bob@alpha.example", firstName: "Bob" },
    ],
  });
  segmentId = (await createSegment(alpha, userId, { name: "Picked", type: "static" })).id;
});

afterAll(async () => {
  await t?.close();
});

describe("static members with text PostgreSQL cannot store", () => {
  it("the picker's search drops a NUL character and searches for the rest", async () => {
    const found = await searchContactsToAddAs(actor, alpha, { segmentId, q: "a\u0000da" });
    expect(found.ok && found.data.map((choice) => choice.email)).toEqual(["ada@alpha.example"]);
  });

  it("a picked id with a NUL character is a field error, adding nothing", async () => {
    const ada = await t.db.contact.findFirstOrThrow({ where: { companyId: alpha, email: "ada@alpha.example" } });
    const result = await addStaticMembersAs(actor, alpha, { segmentId, contactIds: [ada.id, `${ada.id}\u0000`] });
    expect(result).toEqual({ ok: false, code: "validation_error", error: NUL_MESSAGE });
    expect(await t.db.segmentMembership.count({ where: { segmentId } })).toBe(0);
  });
});
