import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { explainContact } from "@/lib/data/segments/segment-explain";
import { recalculateSegment } from "@/lib/data/segments/segment-recalculation";
import { createSegment } from "@/lib/data/segments/segment-writes";
import { setDb } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { checkAgainstCatalog, type ExplainNode, type SegmentDefinition } from "@/lib/segments/engine";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { DIFF_NOWS, type DiffIds, generateDefinition, generateWorld } from "@/test/segments/generate";
import { Random } from "@/test/segments/random";
import { type CompanyData, insertWorld, loadCompany } from "@/test/segments/world";

/**
 * explainContact agrees with the stored membership a recalculation wrote (SQL) for every
 * contact, and its tree carries the contact's actual values.
 */

const NOW = DIFF_NOWS[1];

let t: TestDatabase;
let ids: DiffIds;
let A: string;
let companyA: CompanyData;

const rich = (staticId: string): SegmentDefinition => ({
  match: "all",
  groups: [
    {
      match: "any",
      conditions: [
        { field: "contact.leadScore", operator: "greater_or_equal", value: 50 },
        { field: "event.email_opened", operator: "count_at_least", value: 2, window: { lastDays: 30 } },
        { field: "segment", operator: "in_segment", value: staticId },
      ],
    },
  ],
  exclusions: [
    { match: "all", conditions: [{ field: "contact.subscriptionStatus", operator: "equals", value: "UNSUBSCRIBED" }] },
  ],
});

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  const generated = generateWorld(new Random(99));
  ids = generated.ids;
  A = ids.companyA;
  await insertWorld(t.sql, generated.world);
  if (t.kind === "postgres") await t.sql.exec("ANALYZE");
  companyA = await loadCompany(t.db, A);
});

afterAll(async () => {
  await t?.close();
});

async function membersAfterRecalculation(name: string, rules: SegmentDefinition): Promise<Set<string>> {
  const { id } = await createSegment(A, null, { name, type: "dynamic", rules });
  const run = await recalculateSegment(A, id, { trigger: "MANUAL", now: NOW });
  expect(run.status).toBe("SUCCEEDED");
  const rows = await t.db.segmentMembership.findMany({ where: { companyId: A, segmentId: id } });
  return new Set(rows.map((row) => row.contactId));
}

async function expectExplainAgrees(rules: SegmentDefinition, members: Set<string>, every = 1) {
  const contacts = companyA.contacts.map((entry) => entry.contact.id as string).filter((_, i) => i % every === 0);
  for (const contactId of contacts) {
    const tree = await explainContact(A, rules, contactId, { now: NOW });
    expect(tree?.matched, `contact ${contactId}`).toBe(members.has(contactId));
  }
}

describe("explainContact", () => {
  it("reaches the verdict of the recalculated membership", async () => {
    const rules = rich(ids.segmentsA[0]!);
    const members = await membersAfterRecalculation("Rich", rules);
    expect(members.size).toBeGreaterThan(10);
    expect(members.size).toBeLessThan(companyA.contacts.length - 10);
    await expectExplainAgrees(rules, members, 2);
  });

  it("agrees on random definitions too", async () => {
    const random = new Random(100);
    const catalog = {
      customFields: Object.entries(companyA.customFieldTypes).map(([key, type]) => ({ key, type })),
      segments: ids.segmentsA.map((id) => ({ id, name: id, rules: null })),
    };
    let checked = 0;
    for (let attempt = 0; checked < 4; attempt++) {
      expect(attempt).toBeLessThan(100);
      const rules = generateDefinition(random, ids);
      if (checkAgainstCatalog(rules, catalog).length > 0) continue;
      const members = await membersAfterRecalculation(`Random ${attempt}`, rules);
      if (members.size === 0 || members.size === companyA.contacts.length) continue;
      await expectExplainAgrees(rules, members, 8);
      checked++;
    }
  });

  it("shows each condition with the contact's actual value and segment names", async () => {
    const entry = companyA.contacts.find((c) => typeof c.contact.leadScore === "number")!;
    const id = entry.contact.id as string;
    const tree = (await explainContact(A, rich(ids.segmentsA[0]!), id, { now: NOW })) as ExplainNode;
    expect(tree.kind).toBe("definition");
    const [include, exclude] = tree.children!;
    expect(include!.role).toBe("include");
    expect(exclude!.role).toBe("exclude");
    const [score, opens, segment] = include!.children!;
    expect(score).toMatchObject({ kind: "condition", field: "contact.leadScore", actual: entry.contact.leadScore });
    expect(score!.matched).toBe((entry.contact.leadScore as number) >= 50);
    expect(typeof opens!.actual).toBe("number");
    expect(segment!.actual).toBe(entry.memberships.has(ids.segmentsA[0]!));
    expect(segment!.label).toBe('In segment "A0"');
    expect(exclude!.children![0]!.actual).toBe(entry.contact.subscriptionStatus);
  });

  it("answers null for a contact of another company or an id that is not one", async () => {
    const otherCompanyContact = (await t.db.contact.findFirstOrThrow({ where: { companyId: ids.companyB } })).id;
    const rules = rich(ids.segmentsA[0]!);
    expect(await explainContact(A, rules, otherCompanyContact)).toBeNull();
    expect(await explainContact(A, rules, "nope")).toBeNull();
    expect(await explainContact(A, rules, "00000000-0000-4000-8000-000000000000")).toBeNull();
    const ownContact = companyA.contacts[0]!.contact.id as string;
    // Company B has no segment A0: the rules are invalid there.
    await expect(explainContact(ids.companyB, rules, ownContact)).rejects.toBeInstanceOf(ValidationError);
  });

  it("rejects invalid rules", async () => {
    const error = await explainContact(A, { match: "all", groups: [] }, companyA.contacts[0]!.contact.id as string)
      .then(() => undefined)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.length).toBeGreaterThan(0);
  });
});
