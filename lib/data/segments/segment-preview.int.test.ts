import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countMatching, sampleMatching } from "@/lib/data/segments/segment-preview";
import { setDb } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { checkAgainstCatalog } from "@/lib/segments/engine";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { DIFF_NOWS, type DiffIds, generateDefinition, generateWorld } from "@/test/segments/generate";
import { Random } from "@/test/segments/random";
import { type CompanyData, evaluatorMembers, insertWorld, loadCompany } from "@/test/segments/world";

/**
 * The live preview against the reference evaluator on the engine's edge-case world: the
 * count is exact, the sample consists of matching contacts of the company only.
 */

const SEED = 7_301;
const DEFINITIONS = 120;

let t: TestDatabase;
let ids: DiffIds;
let companyA: CompanyData;

const byId = new Map<string, Record<string, unknown>>();

const scoreAtLeast = (n: number) => ({
  match: "all",
  groups: [{ match: "all", conditions: [{ field: "contact.leadScore", operator: "greater_or_equal", value: n }] }],
});
const everyone = {
  match: "all",
  groups: [{ match: "all", conditions: [{ field: "contact.email", operator: "is_set" }] }],
};

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  const generated = generateWorld(new Random(SEED));
  ids = generated.ids;
  await insertWorld(t.sql, generated.world);
  if (t.kind === "postgres") await t.sql.exec("ANALYZE");
  companyA = await loadCompany(t.db, ids.companyA);
  for (const entry of companyA.contacts) byId.set(entry.contact.id as string, entry.contact);
});

afterAll(async () => {
  await t?.close();
});

describe("countMatching and sampleMatching", () => {
  it(`equal the reference evaluator for ${DEFINITIONS} random definitions`, async () => {
    const random = new Random(SEED + 1);
    const catalog = {
      customFields: Object.entries(companyA.customFieldTypes).map(([key, type]) => ({ key, type })),
      segments: ids.segmentsA.map((id) => ({ id, name: id, rules: null })),
    };
    let checked = 0;
    let partial = 0;
    let rejected = 0;
    for (let i = 0; i < DEFINITIONS; i++) {
      const definition = generateDefinition(random, ids);
      const now = DIFF_NOWS[i % 2]!;
      if (checkAgainstCatalog(definition, catalog).length > 0) {
        // Unknown custom fields or other companies' segments: refused before any query.
        await expect(countMatching(ids.companyA, definition, { now })).rejects.toBeInstanceOf(ValidationError);
        rejected++;
        continue;
      }
      const expected = evaluatorMembers(definition, companyA, now);
      const counted = await countMatching(ids.companyA, definition, { now });
      expect(counted.count, `definition #${i}: ${JSON.stringify(definition)}`).toBe(expected.size);

      const preview = await sampleMatching(ids.companyA, definition, 10, { now });
      expect(preview.count).toBe(expected.size);
      expect(preview.sample).toHaveLength(Math.min(10, expected.size));
      for (const contact of preview.sample) expect(expected.has(contact.id)).toBe(true);
      // The first matches by id: stable from one keystroke to the next.
      expect(preview.sample.map((c) => c.id)).toEqual([...expected].sort().slice(0, 10));
      checked++;
      if (expected.size > 0 && expected.size < companyA.contacts.length) partial++;
    }
    expect(checked).toBeGreaterThan(DEFINITIONS / 2);
    expect(partial).toBeGreaterThan(checked / 3);
    expect(rejected).toBeGreaterThan(0);
  });

  it("returns contact summaries as stored, with timing", async () => {
    const preview = await sampleMatching(ids.companyA, everyone, 25);
    expect(preview.count).toBe(companyA.contacts.length);
    expect(preview.sample).toHaveLength(25);
    expect(preview.computedAt).toBeInstanceOf(Date);
    expect(preview.durationMs).toBeGreaterThanOrEqual(0);
    for (const summary of preview.sample) {
      const stored = byId.get(summary.id)!;
      const name = [stored.firstName, stored.lastName].filter((p) => typeof p === "string" && p.trim()).join(" ");
      expect(summary).toEqual({
        id: stored.id,
        email: stored.email,
        name: name || null,
        companyName: stored.companyName,
        country: stored.country,
        leadScore: stored.leadScore,
        lifecycleStage: stored.lifecycleStage,
      });
    }
    expect(Object.keys(preview.sample[0]!).sort()).toEqual(
      ["companyName", "country", "email", "id", "leadScore", "lifecycleStage", "name"].sort(),
    );
  });

  it("caps the sample size and answers an empty result with count 0", async () => {
    expect((await sampleMatching(ids.companyA, everyone, 1_000)).sample).toHaveLength(100);
    expect((await sampleMatching(ids.companyA, everyone, 0)).sample).toEqual([]);
    const none = await sampleMatching(ids.companyA, scoreAtLeast(1e9));
    expect(none).toMatchObject({ count: 0, sample: [] });
  });

  it("sees current data, not a cached answer", async () => {
    const before = (await countMatching(ids.companyA, scoreAtLeast(1_000_000))).count;
    const [target] = companyA.contacts;
    const id = target!.contact.id as string;
    const old = target!.contact.leadScore as number | null;
    await t.db.contact.update({ where: { companyId_id: { companyId: ids.companyA, id } }, data: { leadScore: 2e9 } });
    expect((await countMatching(ids.companyA, scoreAtLeast(1_000_000))).count).toBe(before + 1);
    await t.db.contact.update({ where: { companyId_id: { companyId: ids.companyA, id } }, data: { leadScore: old } });
  });
});

describe("validation and isolation", () => {
  it("reports invalid rules with paths, before any query", async () => {
    const bad = {
      match: "all",
      groups: [{ match: "all", conditions: [{ field: "contact.leadScore", operator: "greater_than", value: "x" }] }],
    };
    const error = await countMatching(ids.companyA, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      expect.objectContaining({ path: ["groups", 0, "conditions", 0, "value"] }),
    ]);
    await expect(sampleMatching(ids.companyA, "not rules")).rejects.toBeInstanceOf(ValidationError);
  });

  it("refuses another company's custom fields and segments", async () => {
    // num_f is a TEXT field in company B: a number operator does not apply there.
    const numeric = {
      match: "all",
      groups: [{ match: "all", conditions: [{ field: "customField.num_f", operator: "greater_than", value: 1 }] }],
    };
    expect((await countMatching(ids.companyA, numeric)).count).toBeGreaterThan(0);
    await expect(countMatching(ids.companyB, numeric)).rejects.toThrow(ValidationError);
    const inSegmentA = {
      match: "all",
      groups: [{ match: "all", conditions: [{ field: "segment", operator: "in_segment", value: ids.segmentsA[0] }] }],
    };
    const error = (await countMatching(ids.companyB, inSegmentA).catch((e: unknown) => e)) as ValidationError;
    expect(error.issues[0]!.message).toContain("unknown segment");
  });

  it("reports a definition that refers to the segment being edited as a cycle", async () => {
    const self = {
      match: "all",
      groups: [{ match: "all", conditions: [{ field: "segment", operator: "in_segment", value: ids.segmentsA[0] }] }],
    };
    expect((await countMatching(ids.companyA, self)).count).toBeGreaterThan(0);
    const error = (await countMatching(ids.companyA, self, { segmentId: ids.segmentsA[0] }).catch(
      (e: unknown) => e,
    )) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0]!.message).toContain("cannot refer to itself");
  });

  it("counts only the company's own contacts", async () => {
    const total = (companyId: string) => t.db.contact.count({ where: { companyId } });
    expect(await total(ids.companyB)).toBeGreaterThan(0);
    expect((await countMatching(ids.companyA, everyone)).count).toBe(await total(ids.companyA));
    expect((await countMatching(ids.companyB, everyone)).count).toBe(await total(ids.companyB));
    const sampleB = await sampleMatching(ids.companyB, everyone, 100);
    for (const contact of sampleB.sample) expect(byId.has(contact.id)).toBe(false);
    expect((await countMatching("00000000-0000-4000-8000-000000000000", everyone)).count).toBe(0);
    expect((await countMatching("not-a-uuid", everyone)).count).toBe(0);
  });
});
