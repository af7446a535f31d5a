import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { runJobsInline } from "@/test/inline-jobs";
import { apiCreateSegmentSchema } from "./api-schema";
import { builderCreateInputSchema } from "./builder-actions";
import { createSegmentWithMembers } from "./create-segment";

let t: TestDatabase;
let alpha: string;
let userId: string;
const highScore = {
  match: "all",
  groups: [{ match: "all", conditions: [{ field: "contact.email", operator: "contains", value: "@alpha" }] }],
};

beforeAll(async () => {
  runJobsInline();
  t = await createTestDatabase();
  setDb(t.db);
  alpha = (await t.db.company.create({ data: { name: "Alpha", slug: "alpha" } })).id;
  userId = (
    await t.db.user.create({ data: { companyId: alpha, email: "mia@alpha.example", name: "Mia", passwordHash: "x" } })
  ).id;
  await t.db.contact.createMany({
    data: [
      { companyId: alpha, email: "ann@alpha.example" },
      { companyId: alpha, email: "bob@alpha.example" },
    ],
  });
});

afterAll(async () => {
  await t?.close();
});

describe("createSegmentWithMembers, behind the builder and POST /api/v1/segments", () => {
  it("creates a dynamic segment and recalculates it, recording where the request came from and who asked", async () => {
    const fromBuilder = await createSegmentWithMembers(
      alpha,
      builderCreateInputSchema.parse({ name: "Alpha people", type: "dynamic", rules: highScore }),
      { userId, via: "builder" },
    );
    const fromApi = await createSegmentWithMembers(
      alpha,
      apiCreateSegmentSchema.parse({ name: "Alpha people (API)", type: "DYNAMIC", rules: highScore }),
      { userId: null, via: "api" },
    );
    expect([fromBuilder.recalculation, fromApi.recalculation]).toEqual(["inline", "inline"]);
    const runs = await t.db.segmentRecalculation.findMany({
      where: { segmentId: { in: [fromBuilder.segment.id, fromApi.segment.id] } },
      select: { segmentId: true, trigger: true, requestedById: true, entered: true },
    });
    expect(runs).toEqual(
      expect.arrayContaining([
        { segmentId: fromBuilder.segment.id, trigger: "SAVE", requestedById: userId, entered: 2 },
        { segmentId: fromApi.segment.id, trigger: "API", requestedById: null, entered: 2 },
      ]),
    );
  });

  it("adds a static segment's contacts by id and email, reporting unknown emails", async () => {
    const [ann] = await t.db.contact.findMany({ where: { email: "ann@alpha.example" }, select: { id: true } });
    const created = await createSegmentWithMembers(
      alpha,
      apiCreateSegmentSchema.parse({
        name: "Picked",
        type: "static",
        contactIds: [ann!.id],
        emails: ["bob@alpha.example", "nobody@alpha.example"],
      }),
      { userId: null, via: "api" },
    );
    expect(created.recalculation).toBeUndefined();
    expect(created.members).toMatchObject({ added: 2, unknownEmails: ["nobody@alpha.example"] });
    const vias = await t.db.segmentMembership.findMany({
      where: { segmentId: created.segment.id },
      select: { addedVia: true },
    });
    expect(vias).toEqual([{ addedVia: "API" }, { addedVia: "API" }]);

    const empty = await createSegmentWithMembers(
      alpha,
      builderCreateInputSchema.parse({ name: "Empty", type: "STATIC" }),
      { userId, via: "builder" },
    );
    expect(empty).toMatchObject({ segment: { type: "STATIC" } });
    expect(empty.members).toBeUndefined();
  });
});
