import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getCampaignReport } from "@/lib/data/campaigns/campaign-report";
import { takeOverStalledSending } from "@/lib/data/campaigns/campaign-sending";
import { countContactsMatching, deleteContacts, deleteContactsMatching } from "@/lib/data/contacts/contact-deletion";
import { findErasure, listAuditLog } from "@/lib/data/platform/audit-log";
import { getSegment } from "@/lib/data/segments/segment-reads";
import { recalculateSegment } from "@/lib/data/segments/segment-recalculation";
import { addStaticMembers } from "@/lib/data/segments/segment-static-members";
import { createSegment } from "@/lib/data/segments/segment-writes";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";

let t: TestDatabase;
let A: string;
let B: string;
let userId: string;
const actor = { userId: "", label: "ada@alpha.example" };
const DAY = 86_400_000;
const NOW = new Date();

type World = {
  ids: string[];
  emails: string[];
  dynamic: string;
  list: string;
  sent: string;
  sending: string;
  importJob: string;
  otherCompanyId: string;
};
let w: World;

async function reset(): Promise<World> {
  await t.sql.exec(`TRUNCATE "Company" CASCADE`);
  const [a, b] = await Promise.all([
    t.db.company.create({ data: { name: "Alpha", slug: "alpha" } }),
    t.db.company.create({ data: { name: "Beta", slug: "beta" } }),
  ]);
  A = a.id;
  B = b.id;
  userId = (
    await t.db.user.create({ data: { companyId: A, email: "ada@alpha.example", name: "Ada", passwordHash: "x" } })
  ).id;
  actor.userId = userId;
  const emails = Array.from({ length: 12 }, (_, i) => `person${i}@alpha.example`);
  await t.db.contact.createMany({
    data: emails.map((email, i) => ({
      companyId: A,
      email,
      firstName: `Name${String.fromCharCode(65 + i)}`,
      lastName: i < 6 ? "Keeper" : "Mover",
      phone: `+44 7000 10${String(i).padStart(2, "0")}`,
      leadScore: i * 10,
    })),
  });
  // Company B has a contact with the same email as A's first.
  const other = await t.db.contact.create({ data: { companyId: B, email: emails[0] as string, leadScore: 90 } });
  const contacts = await t.db.contact.findMany({ where: { companyId: A }, orderBy: { email: "asc" } });
  const byEmail = new Map(contacts.map((c) => [c.email, c.id]));
  const ids = emails.map((email) => byEmail.get(email) as string);

  const sent = await t.db.campaign.create({
    data: { companyId: A, name: "Sent", status: "SENT", recipientCount: 8, sentCount: 8, sentAt: NOW },
  });
  const sending = await t.db.campaign.create({
    data: { companyId: A, name: "Sending", status: "SENDING", recipientCount: 4, sentCount: 0 },
  });
  await t.db.campaignRecipient.createMany({
    data: [
      ...ids.slice(0, 8).map((contactId) => ({ companyId: A, campaignId: sent.id, contactId, sentAt: NOW })),
      ...ids.slice(0, 4).map((contactId) => ({ companyId: A, campaignId: sending.id, contactId })),
    ],
  });
  await t.db.contactEvent.createMany({
    data: ids.slice(0, 8).flatMap((contactId, i) => [
      { companyId: A, contactId, type: "email_delivered" as const, occurredAt: NOW, campaignId: sent.id },
      ...(i % 2 === 0
        ? [{ companyId: A, contactId, type: "email_opened" as const, occurredAt: NOW, campaignId: sent.id }]
        : []),
      ...(i === 1
        ? [
            {
              companyId: A,
              contactId,
              type: "purchase" as const,
              occurredAt: NOW,
              campaignId: sent.id,
              revenue: "12.50",
            },
          ]
        : []),
      {
        companyId: A,
        contactId,
        type: "page_visited" as const,
        occurredAt: new Date(NOW.getTime() - DAY),
        url: "https://alpha.example/p",
      },
    ]),
  });
  await t.db.contactEvent.create({
    data: { companyId: B, contactId: other.id, type: "email_opened", occurredAt: NOW },
  });

  const dynamic = (
    await createSegment(A, userId, {
      name: "Scored",
      type: "dynamic",
      rules: {
        match: "all",
        groups: [
          { match: "all", conditions: [{ field: "contact.leadScore", operator: "greater_or_equal", value: 30 }] },
        ],
      },
    })
  ).id;
  await recalculateSegment(A, dynamic, { trigger: "MANUAL" });
  const list = (await createSegment(A, userId, { name: "List", type: "static" })).id;
  await addStaticMembers(A, list, { contactIds: ids.slice(0, 6) });

  const job = await t.db.importJob.create({
    data: {
      companyId: A,
      fileName: "people.csv",
      fileBytes: 100,
      delimiter: ",",
      headers: ["email", "name"],
      sample: [
        ["PERSON1@alpha.example", "NameB"],
        ["someone@else.example", "Else"],
      ],
      totalRows: 2,
      status: "SUCCEEDED",
    },
  });
  await t.db.importFailedRow.create({
    data: {
      companyId: A,
      jobId: job.id,
      rowNumber: 1,
      cells: ["person1@alpha.example", "NameB", "+44 7000 1001"],
      message: "leadScore: person1@alpha.example has a bad score",
    },
  });
  return {
    ids,
    emails,
    dynamic,
    list,
    sent: sent.id,
    sending: sending.id,
    importJob: job.id,
    otherCompanyId: other.id,
  };
}

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

beforeEach(async () => {
  w = await reset();
});

async function count(query: string, params: unknown[] = []): Promise<number> {
  const [row] = await t.sql.query<{ n: number | string }>(query, params);
  return Number(row?.n ?? 0);
}

/** Every stored count and trigger-maintained table equals a recomputation. */
async function expectConsistent() {
  const segments = await t.db.segment.findMany({ where: { companyId: A }, select: { id: true, contactCount: true } });
  for (const segment of segments) {
    const members = await t.db.segmentMembership.count({ where: { companyId: A, segmentId: segment.id } });
    expect(segment.contactCount).toBe(members);
  }
  expect(
    await count(`SELECT count(*) AS n FROM "ContactEventSummary" s
    WHERE NOT EXISTS (SELECT 1 FROM "Contact" c WHERE c."companyId" = s."companyId" AND c."id" = s."contactId")`),
  ).toBe(0);
  expect(
    await count(`SELECT count(*) AS n FROM "ContactFacts" f
    WHERE NOT EXISTS (SELECT 1 FROM "Contact" c WHERE c."companyId" = f."companyId" AND c."id" = f."id")`),
  ).toBe(0);
  // Summaries equal the events that remain.
  expect(
    await count(`SELECT count(*) AS n FROM (
      SELECT "companyId", "contactId", "type", count(*)::int AS c FROM "ContactEvent" GROUP BY 1, 2, 3
    ) e FULL JOIN "ContactEventSummary" s USING ("companyId", "contactId", "type")
    WHERE s."count" IS DISTINCT FROM e.c`),
  ).toBe(0);
}

const reportOf = async () => (await getCampaignReport(A, w.sent)).total;

describe("deleting contacts", () => {
  it("deletes one contact with its events, memberships and summaries; counts, history and reports stay exact", async () => {
    const before = await reportOf();
    const target = w.ids[4] as string; // in both segments, a sent recipient, an opener
    expect(await t.db.contactEventSummary.count({ where: { companyId: A, contactId: target } })).toBeGreaterThan(0);

    const result = await deleteContacts(A, { contactIds: [target] }, actor);
    expect(result).toMatchObject({ deleted: 1, unknownContactIds: [], unknownEmails: [] });

    expect(await t.db.contact.count({ where: { companyId: A, id: target } })).toBe(0);
    expect(await t.db.contactEvent.count({ where: { companyId: A, contactId: target } })).toBe(0);
    expect(await t.db.segmentMembership.count({ where: { companyId: A, contactId: target } })).toBe(0);
    await expectConsistent();
    expect((await t.db.segment.findFirstOrThrow({ where: { id: w.list } })).contactCount).toBe(5);

    // History: one run per segment, the contact EXITED because it was deleted.
    for (const segmentId of [w.dynamic, w.list]) {
      const run = await t.db.segmentRecalculation.findFirstOrThrow({
        where: { companyId: A, segmentId, trigger: "CONTACTS_DELETED" },
      });
      expect(run).toMatchObject({ status: "SUCCEEDED", exited: 1, entered: 0, requestedById: userId });
      const changes = await t.db.segmentMembershipChange.findMany({ where: { companyId: A, recalculationId: run.id } });
      expect(changes.map((change) => [change.contactId, change.kind])).toEqual([[target, "EXITED"]]);
    }

    // They are history, not recalculations: a segment's last run is still its last recalculation.
    expect((await getSegment(A, w.list))?.lastRun).toBeNull();
    expect((await getSegment(A, w.dynamic))?.lastRun).toMatchObject({ entered: 9, exited: 0 });

    // The sent campaign's report is unchanged; the sending one will never send to it.
    expect(await reportOf()).toEqual(before);
    expect(await t.db.campaignRecipient.count({ where: { campaignId: w.sending } })).toBe(4);
    const deletedUnsent = w.ids[2] as string;
    await deleteContacts(A, { contactIds: [deletedUnsent] }, actor);
    expect(await t.db.campaignRecipient.count({ where: { campaignId: w.sending } })).toBe(3);
    expect((await t.db.campaign.findFirstOrThrow({ where: { id: w.sending } })).recipientCount).toBe(3);
    expect(await reportOf()).toEqual(before);

    const log = await listAuditLog(A);
    expect(log.map((entry) => [entry.action, entry.count, entry.actorLabel])).toEqual([
      ["CONTACTS_DELETED", 1, "ada@alpha.example"],
      ["CONTACTS_DELETED", 1, "ada@alpha.example"],
    ]);
  });

  it("keeps a deleted recipient of a campaign being sent as sent when a stalled send is resumed", async () => {
    const recipient = w.ids[0] as string;
    await t.db.campaignRecipient.update({
      where: { companyId_campaignId_contactId: { companyId: A, campaignId: w.sending, contactId: recipient } },
      data: { sentAt: NOW },
    });
    await deleteContacts(A, { contactIds: [recipient] }, actor);
    await t.db.campaign.update({ where: { companyId_id: { companyId: A, id: w.sending } }, data: { updatedAt: NOW } });
    await takeOverStalledSending(A, w.sending, new Date(NOW.getTime() + DAY));
    const row = await t.db.campaignRecipient.findFirstOrThrow({
      where: { campaignId: w.sending, contactId: recipient },
    });
    expect(row.sentAt).toEqual(NOW);
    expect(row.contactDeletedAt).not.toBeNull();
  });

  it("never deletes another company's contact: its id is not found", async () => {
    const result = await deleteContacts(A, { contactIds: [w.otherCompanyId, "not-a-uuid"] }, actor);
    expect(result).toEqual({
      deleted: 0,
      auditEntryId: null,
      unknownContactIds: [w.otherCompanyId, "not-a-uuid"],
      unknownEmails: [],
    });
    expect(await t.db.contact.count({ where: { companyId: B } })).toBe(1);
    expect(await t.db.contactEvent.count({ where: { companyId: B } })).toBe(1);
    expect(await deleteContacts(B, { contactIds: [w.ids[0] as string] }, actor)).toMatchObject({ deleted: 0 });
    // An email names the key's company's contact only.
    expect(await deleteContacts(B, { emails: ["person1@alpha.example"] }, actor)).toMatchObject({
      deleted: 0,
      unknownEmails: ["person1@alpha.example"],
    });
    expect(await t.db.contact.count({ where: { companyId: A } })).toBe(12);
    expect(await t.db.auditLogEntry.count()).toBe(0);
  });

  it("deletes by email (any case) and names the emails it did not find", async () => {
    const before = await reportOf();
    const result = await deleteContacts(
      A,
      { emails: ["PERSON0@alpha.example", "person7@alpha.example", "no@x.example"], contactIds: [w.ids[7] as string] },
      actor,
    );
    expect(result).toMatchObject({ deleted: 2, unknownEmails: ["no@x.example"], unknownContactIds: [] });
    expect(await t.db.contact.count({ where: { companyId: B } })).toBe(1); // B's person0 stays
    await expectConsistent();
    expect(await reportOf()).toEqual(before);
  });

  it("deletes every contact matching a search, batch by batch, with one audit entry", async () => {
    const before = await reportOf();
    expect(await countContactsMatching(A, "mover")).toBe(6);
    const result = await deleteContactsMatching(A, "mover", actor, {}, 4);
    expect(result.deleted).toBe(6);
    expect(await t.db.contact.count({ where: { companyId: A } })).toBe(6);
    expect(await t.db.contact.count({ where: { companyId: A, lastName: "Mover" } })).toBe(0);
    await expectConsistent();
    expect(await reportOf()).toEqual(before);
    const log = await listAuditLog(A);
    expect(log.map((entry) => [entry.action, entry.count])).toEqual([["CONTACTS_DELETED", 6]]);
    // Two batches: two history runs on the dynamic segment, 6 exits in all.
    const runs = await t.db.segmentRecalculation.findMany({
      where: { companyId: A, segmentId: w.dynamic, trigger: "CONTACTS_DELETED" },
    });
    expect(runs.reduce((sum, run) => sum + run.exited, 0)).toBe(6);
    expect(await t.db.contact.count({ where: { companyId: B } })).toBe(1);
  });
});

describe("forgetting contacts (GDPR erasure)", () => {
  /** Rows of any table whose text, text[] or jsonb columns contain the needle (case-insensitive). */
  async function traces(needle: string): Promise<string[]> {
    const columns = await t.sql.query<{ table_name: string; column_name: string }>(`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'ARRAY', 'USER-DEFINED')
        AND table_name <> '_prisma_migrations'`);
    const found: string[] = [];
    for (const { table_name, column_name } of columns) {
      const n = await count(
        `SELECT count(*) AS n FROM "${table_name}" WHERE strpos(lower("${column_name}"::text), $1) > 0`,
        [needle.toLowerCase()],
      );
      if (n > 0) found.push(`${table_name}.${column_name}`);
    }
    return found;
  }

  it("erases the email, name and phone everywhere they survived, keeps the counts, and audits it", async () => {
    const before = await reportOf();
    const target = w.ids[1] as string;
    expect(await traces("person1@alpha.example")).toEqual(
      expect.arrayContaining(["Contact.email", "ImportFailedRow.cells", "ImportJob.sample"]),
    );

    const result = await deleteContacts(A, { contactIds: [target] }, actor, { forget: true });
    expect(result.deleted).toBe(1);

    expect(await traces("person1@alpha.example")).toEqual([]);
    expect(await traces("+44 7000 1001")).toEqual([]);
    expect(await traces("NameB")).toEqual([]);
    // Nor does the contact's id lead anywhere (history and recipients were re-keyed).
    expect(await traces(target)).toEqual([]);
    expect(await t.db.importFailedRow.findFirstOrThrow({ where: { jobId: w.importJob } })).toMatchObject({
      cells: ["[erased]", "[erased]", "[erased]"],
      message: "[erased]",
    });
    expect((await t.db.importJob.findFirstOrThrow({ where: { id: w.importJob } })).sample).toEqual([
      ["[erased]", "[erased]"],
      ["someone@else.example", "Else"],
    ]);
    await expectConsistent();
    expect(await reportOf()).toEqual(before);
    // The list's history keeps the exit (score 10: never in the dynamic segment), under another id.
    expect(await t.db.segmentMembershipChange.count({ where: { companyId: A, kind: "EXITED" } })).toBe(1);

    const [entry] = await listAuditLog(A);
    expect(entry).toMatchObject({ action: "CONTACTS_FORGOTTEN", count: 1, actorKind: "user" });
    expect(await findErasure(A, "Person1@Alpha.example")).toBeInstanceOf(Date);
    expect(await findErasure(A, "person2@alpha.example")).toBeNull();
    expect(await findErasure(B, "person1@alpha.example")).toBeNull();
  });

  it("erases an email that is no contact from import reports, and leaves look-alikes alone", async () => {
    await t.db.importFailedRow.createMany({
      data: [
        { companyId: A, jobId: w.importJob, rowNumber: 2, cells: ["Never <NEVER@alpha.example>", "X"], message: "bad" },
        { companyId: A, jobId: w.importJob, rowNumber: 3, cells: ["xnever@alpha.example", "Y"], message: "bad" },
      ],
    });
    const result = await deleteContacts(A, { emails: ["never@alpha.example", "a"] }, actor, { forget: true });
    expect(result).toMatchObject({ deleted: 0, unknownEmails: ["never@alpha.example", "a"] });
    const rows = await t.db.importFailedRow.findMany({ where: { jobId: w.importJob }, orderBy: { rowNumber: "asc" } });
    expect(rows.map((row) => row.cells)).toEqual([
      ["person1@alpha.example", "NameB", "+44 7000 1001"],
      ["[erased]", "[erased]"],
      ["xnever@alpha.example", "Y"],
    ]);
    expect(await findErasure(A, "never@alpha.example")).toBeInstanceOf(Date);
    expect(await findErasure(A, "a")).toBeNull();
    expect((await listAuditLog(A)).map((entry) => [entry.action, entry.count])).toEqual([["CONTACTS_FORGOTTEN", 1]]);
    expect(await t.db.contact.count({ where: { companyId: A } })).toBe(12);
  });

  it("forgets everything matching a search", async () => {
    const result = await deleteContactsMatching(
      A,
      "keeper",
      { apiKeyId: null, label: "key sk_live_ab" },
      { forget: true },
      4,
    );
    expect(result.deleted).toBe(6);
    for (const email of w.emails.slice(0, 6)) {
      expect(await findErasure(A, email)).not.toBeNull();
      expect(await traces(email)).toEqual(email === "person0@alpha.example" ? ["Contact.email"] : []); // B's own contact
    }
    await expectConsistent();
  });
});
