import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/authz";
import { TYPE_TO_CONFIRM_ABOVE } from "@/lib/contacts/delete-schema";
import { listAuditLog } from "@/lib/data/platform/audit-log";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { countMatchingContactsAs, deleteMatchingContactsAs, deleteSelectedContactsAs } from "./delete-actions";

let t: TestDatabase;
let alpha: string;
let beta: string;
let mia: Actor;

const ids = async (companyId: string, q: string) =>
  (await t.db.contact.findMany({ where: { companyId, email: { contains: q } }, select: { id: true } })).map(
    (row) => row.id,
  );

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  alpha = (await t.db.company.create({ data: { name: "Alpha", slug: "alpha" } })).id;
  beta = (await t.db.company.create({ data: { name: "Beta", slug: "beta" } })).id;
  const user = await t.db.user.create({
    data: { companyId: alpha, email: "mia@alpha.example", name: "Mia", passwordHash: "x" },
  });
  mia = { userId: user.id, email: user.email, name: "Mia", role: "MEMBER", companyId: alpha };
  await t.db.contact.createMany({
    data: [
      ...Array.from({ length: TYPE_TO_CONFIRM_ABOVE + 5 }, (_, i) => ({
        companyId: alpha,
        email: `bulk${i}@alpha.example`,
      })),
      { companyId: alpha, email: "keep@alpha.example" },
      { companyId: alpha, email: "pick1@alpha.example" },
      { companyId: alpha, email: "pick2@alpha.example" },
      { companyId: beta, email: "pick3@beta.example" },
    ],
  });
});

afterAll(async () => {
  await t?.close();
});

describe("deleteSelectedContactsAs", () => {
  it("deletes the ticked contacts of the actor's company, audited under the user", async () => {
    const picked = await ids(alpha, "pick");
    expect(await deleteSelectedContactsAs(mia, alpha, { contactIds: picked })).toEqual({
      ok: true,
      data: { deleted: 2 },
    });
    expect(await ids(alpha, "pick")).toEqual([]);
    const [entry] = await listAuditLog(alpha);
    expect(entry).toMatchObject({ action: "CONTACTS_DELETED", count: 2, actorLabel: "mia@alpha.example" });
  });

  it("never deletes another company's contacts, whatever ids or scope are sent", async () => {
    const theirs = await ids(beta, "pick");
    expect(await deleteSelectedContactsAs(mia, alpha, { contactIds: theirs })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await deleteSelectedContactsAs(mia, beta, { contactIds: theirs })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(await ids(beta, "pick")).toHaveLength(1);
  });

  it("refuses an empty selection with a message", async () => {
    expect(await deleteSelectedContactsAs(mia, alpha, { contactIds: [] })).toEqual({
      ok: false,
      error: "Select at least one contact.",
      code: "validation_error",
    });
  });
});

describe("deleteMatchingContactsAs", () => {
  const n = TYPE_TO_CONFIRM_ABOVE + 5;

  it("counts, asks for the typed count above the threshold, and refuses a stale count", async () => {
    expect(await countMatchingContactsAs(mia, alpha, "bulk")).toEqual({ ok: true, data: { count: n } });
    expect(await deleteMatchingContactsAs(mia, alpha, { q: "bulk", expectedCount: n, typed: "DELETE" })).toMatchObject({
      ok: false,
      code: "validation_error",
      issues: [{ path: ["typed"] }],
    });
    expect(
      await deleteMatchingContactsAs(mia, alpha, { q: "bulk", expectedCount: n - 1, typed: String(n - 1) }),
    ).toMatchObject({
      ok: false,
      code: "conflict",
    });
    expect(await ids(alpha, "bulk")).toHaveLength(n);
  });

  it("deletes exactly what the search matches", async () => {
    expect(
      await deleteMatchingContactsAs(mia, alpha, { q: "BULK", expectedCount: n, typed: n.toLocaleString("en-US") }),
    ).toEqual({
      ok: true,
      data: { deleted: n },
    });
    expect(await ids(alpha, "bulk")).toEqual([]);
    expect(await ids(alpha, "keep")).toHaveLength(1);
    expect(await ids(beta, "")).toHaveLength(1);
  });
});
