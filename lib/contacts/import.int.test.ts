import { mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/authz";
import { autoMapHeaders } from "@/lib/contacts/import-mapping";
import {
  claimImportJob,
  failStalledImportJob,
  getImportJob,
  type ImportJobDto,
  listImportFailedRows,
} from "@/lib/data/contacts/import-jobs";
import { createSegment } from "@/lib/data/segments/segment-writes";
import { setDb } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { NUL_MESSAGE } from "@/lib/segments/engine/storable-text";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { runJobsInline } from "@/test/inline-jobs";
import { runImportJob } from "./import-run";
import { type StartImportInput, startImportAs } from "./import-start";
import { importFilePath, receiveImportUpload, removeAbandonedUploads } from "./import-upload";

let t: TestDatabase;
let dir: string;
let acme: string;
let globex: string;
let acmeUser: Actor;
let globexUser: Actor;

const customFields = [
  { key: "plan", label: "Plan", type: "SELECT" as const, options: ["Free", "Pro"] },
  { key: "ltv", label: "Lifetime value", type: "NUMBER" as const, options: [] },
  { key: "trial_end", label: "Trial end", type: "DATE" as const, options: [] },
  { key: "note", label: "Note", type: "TEXT" as const, options: [] },
];

beforeAll(async () => {
  runJobsInline();
  dir = await mkdtemp(path.join(os.tmpdir(), "segments-import-test-"));
  process.env.IMPORT_DIR = dir;
  t = await createTestDatabase();
  setDb(t.db);
  acme = (await t.db.company.create({ data: { name: "Acme", slug: "acme" } })).id;
  globex = (await t.db.company.create({ data: { name: "Globex", slug: "globex" } })).id;
  const user = async (companyId: string, email: string): Promise<Actor> => {
    const row = await t.db.user.create({ data: { companyId, email, name: email, passwordHash: "x" } });
    return { userId: row.id, email, name: email, role: "MEMBER", companyId };
  };
  acmeUser = await user(acme, "m@acme.example");
  globexUser = await user(globex, "m@globex.example");
  await t.db.customFieldDefinition.createMany({ data: customFields.map((f) => ({ ...f, companyId: acme })) });
});

afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

async function* bytesOf(text: string | Uint8Array, chunk = 64 * 1024) {
  const data = typeof text === "string" ? new TextEncoder().encode(text) : text;
  for (let i = 0; i < data.length; i += chunk) yield data.subarray(i, i + chunk);
}

function upload(body: string | Uint8Array | AsyncIterable<Uint8Array>, actor = acmeUser) {
  return receiveImportUpload(actor.companyId, {
    createdById: actor.userId,
    fileName: "contacts.csv",
    body: typeof body === "string" || body instanceof Uint8Array ? bytesOf(body) : body,
  });
}

type ImportOptions = Partial<Omit<StartImportInput, "jobId">> & { actor?: Actor };

/** Upload, start with the auto-mapping (or the given one), run: what a user does on the page. */
async function importCsv(body: string | Uint8Array | AsyncIterable<Uint8Array>, options: ImportOptions = {}) {
  const actor = options.actor ?? acmeUser;
  const uploaded = await upload(body, actor);
  const started = await startImportAs(actor, actor.companyId, {
    jobId: uploaded.id,
    mapping: options.mapping ?? autoMapHeaders(uploaded.headers, customFields),
    existing: options.existing ?? "update",
    target: options.target ?? { kind: "none" },
  });
  if (!started.ok) throw new Error(`start failed: ${started.error}`);
  const job = (await runImportJob(actor.companyId, uploaded.id)) as ImportJobDto;
  const failed = await listImportFailedRows(actor.companyId, job.id, { limit: 1000 });
  return { job, failed, segmentId: started.segmentId };
}

const contact = (email: string, companyId = acme) =>
  t.db.contact.findUnique({ where: { companyId_email: { companyId, email } } });

const members = async (segmentId: string) =>
  (await t.db.segmentMembership.findMany({ where: { segmentId }, select: { contactId: true } })).length;

describe("CSV import", () => {
  it("imports a file with a BOM, semicolons, quotes and line breaks in values, and custom fields", async () => {
    const csv =
      "\uFEFFEmail;First name;Last name;Plan;Lifetime value;Note;Favourite colour\r\n" +
      'ann@example.com;Ann;"O\'Neil; Jr";pro;1200,5;"Said ""hi""\r\non two lines";blue\r\n' +
      "BOB@Example.com;Bob;;Free;;;\r\n";
    const { job, failed, segmentId } = await importCsv(csv);
    expect(job).toMatchObject({ status: "SUCCEEDED", delimiter: ";", totalRows: 2, processedRows: 2 });
    // "1200,5" is no number: that row fails, the other is stored.
    expect(job).toMatchObject({ created: 1, updated: 0, skipped: 0, failed: 1 });
    expect(failed).toEqual([
      {
        rowNumber: 1,
        cells: ["ann@example.com", "Ann", "O'Neil; Jr", "pro", "1200,5", 'Said "hi"\r\non two lines', "blue"],
        message: "customFields.ltv: Expected a number",
      },
    ]);
    expect(await contact("bob@example.com")).toMatchObject({
      firstName: "Bob",
      lastName: null,
      customFields: { plan: "Free" },
    });
    expect(job.segmentName).toMatch(/^Import \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(await members(segmentId)).toBe(1);

    const fixed = csv.replace("1200,5", "1200.5");
    const again = await importCsv(fixed, { target: { kind: "existing", segmentId } });
    expect(again.job).toMatchObject({ created: 1, updated: 1, failed: 0 });
    expect(await contact("ann@example.com")).toMatchObject({
      lastName: "O'Neil; Jr",
      customFields: { plan: "Pro", ltv: 1200.5, note: 'Said "hi"\r\non two lines' },
    });
    expect(await members(segmentId)).toBe(2);
  });

  it("keeps every valid row and reports each invalid one with its reason", async () => {
    const csv = [
      "email,firstName,leadScore,lifecycleStage,trial_end,plan,unknown column",
      "ok1@example.com,One,10,lead,2025-01-31,Pro,x",
      ",Nobody,5,,,,",
      "not-an-email,Bad,,,,,",
      "ok2@example.com,Two,101,,,,",
      "ok3@example.com,Three,,wizard,,,",
      "ok4@example.com,Four,,,31/01/2025,,",
      "ok5@example.com,Five,,,,Gold,",
      "ok6@example.com,Six,1,2,3,4,5,6,7",
      "ok7@example.com,Seven,,,,,,,,",
      "ok8@example.com",
    ].join("\n");
    const { job, failed } = await importCsv(csv);
    expect(job).toMatchObject({ status: "SUCCEEDED", totalRows: 10, processedRows: 10, created: 3, failed: 7 });
    expect(failed.map((row) => [row.rowNumber, row.message])).toEqual([
      [2, "email: Enter an email address"],
      [3, "email: Enter a valid email address, like name@example.com"],
      [4, "leadScore: Expected a whole number from 0 to 100"],
      [5, "lifecycleStage: Expected one of SUBSCRIBER, LEAD, MQL, SQL, CUSTOMER, CHURNED"],
      [6, "customFields.trial_end: Expected a real date as YYYY-MM-DD"],
      [7, 'customFields.plan: "Gold" is not an option; expected one of: Free, Pro'],
      [8, expect.stringMatching(/9 values but the header has 7 columns/)],
    ]);
    expect(await contact("ok1@example.com")).toMatchObject({
      leadScore: 10,
      lifecycleStage: "LEAD",
      customFields: { trial_end: "2025-01-31", plan: "Pro" },
    });
    expect(await contact("ok7@example.com")).not.toBeNull();
    expect(await contact("ok8@example.com")).not.toBeNull();
  });

  it("fails only the row with a NUL character in a cell; a NUL in a header is removed from its name", async () => {
    const csv = [
      "email,first\u0000Name,note",
      "nul1@example.com,Ann,fine",
      "nul2@example.com,B\u0000ob,fine",
      "nul3@example.com,Cy,bad\u0000note",
      "nul4@example.com,Di,",
    ].join("\n");
    const uploaded = await upload(csv);
    expect(uploaded.headers).toEqual(["email", "firstName", "note"]);
    expect(uploaded.sample[1]).toEqual(["nul2@example.com", "Bob", "fine"]);
    const { job, failed } = await importCsv(csv);
    expect(job).toMatchObject({ status: "SUCCEEDED", totalRows: 4, created: 2, failed: 2 });
    // The report keeps the row without the character, so the downloaded file can be fixed and imported again.
    expect(failed).toEqual([
      { rowNumber: 2, cells: ["nul2@example.com", "Bob", "fine"], message: `firstName: ${NUL_MESSAGE}` },
      { rowNumber: 3, cells: ["nul3@example.com", "Cy", "badnote"], message: `customFields.note: ${NUL_MESSAGE}` },
    ]);
    expect(await contact("nul1@example.com")).toMatchObject({ firstName: "Ann", customFields: { note: "fine" } });
    expect(await contact("nul4@example.com")).toMatchObject({ firstName: "Di" });
  });

  it("creates no duplicates when the same file comes twice; skip leaves existing contacts alone", async () => {
    const csv = "email,firstName\nsame1@example.com,A\nSAME2@example.com,B\nsame1@example.com,A2\n";
    const first = await importCsv(csv);
    // The repeated email: the later row wins, the earlier one counts as skipped.
    expect(first.job).toMatchObject({ created: 2, updated: 0, skipped: 1, failed: 0 });
    expect(await contact("same1@example.com")).toMatchObject({ firstName: "A2" });
    const second = await importCsv(csv);
    expect(second.job).toMatchObject({ created: 0, updated: 2, skipped: 1 });
    const skip = await importCsv("email,firstName\nsame2@example.com,Changed\nnew@example.com,New\n", {
      existing: "skip",
    });
    expect(skip.job).toMatchObject({ created: 1, updated: 0, skipped: 1 });
    expect(await contact("same2@example.com")).toMatchObject({ firstName: "B" });
    // Skipped contacts still join the import's segment: it lists the file's contacts.
    expect(await members(skip.segmentId)).toBe(2);
    expect(await t.db.contact.count({ where: { companyId: acme, email: { startsWith: "same" } } })).toBe(2);
  });

  it("refuses empty, header-only and non-UTF-8 files with a clear message, leaving no file behind", async () => {
    const before = await readdir(dir);
    await expect(upload("")).rejects.toThrow(
      new ValidationError("The file is empty: it needs a header row and a row per contact"),
    );
    await expect(upload("\uFEFF\r\n")).rejects.toThrow(/The file is empty/);
    await expect(upload("email,firstName\r\n")).rejects.toThrow("The file has a header row but no contacts");
    await expect(upload(Uint8Array.from([0x65, 0x0a, 0x5a, 0xeb, 0x0a]))).rejects.toThrow(/not UTF-8/);
    expect(await readdir(dir)).toEqual(before);
  });

  it("reads lone CR line ends, trailing delimiters and quotes inside unquoted values", async () => {
    const csv = 'email,firstName,lastName,\rcr1@example.com,Jo "JJ",Doe,\rcr2@example.com,"Al"ex,,\r';
    const { job, failed } = await importCsv(csv);
    expect(failed).toEqual([]);
    expect(job).toMatchObject({ status: "SUCCEEDED", totalRows: 2, created: 2 });
    expect(job.headers).toEqual(["email", "firstName", "lastName", "Column 4"]);
    expect(await contact("cr1@example.com")).toMatchObject({ firstName: 'Jo "JJ"', lastName: "Doe" });
    // A quoted value followed by more text keeps its quotes (csv-parse's relaxed reading).
    expect(await contact("cr2@example.com")).toMatchObject({ firstName: '"Al"ex', lastName: null });
  });

  it("reports the last row of a file that ends inside quotes, keeping the rows before it", async () => {
    const { job, failed } = await importCsv('email,firstName\ncut1@example.com,A\ncut2@example.com,"B\n');
    expect(job).toMatchObject({ status: "SUCCEEDED", created: 1, failed: 1 });
    expect(failed[0]).toMatchObject({
      rowNumber: 2,
      cells: ["cut2@example.com", "B\n"],
      message: expect.stringMatching(/closing quote/),
    });
  });

  it("checks the mapping and the target segment before starting", async () => {
    const uploaded = await upload("email,first\nm1@example.com,A\n");
    const start = (input: Partial<StartImportInput>) =>
      startImportAs(acmeUser, acme, {
        jobId: uploaded.id,
        mapping: ["email", null],
        existing: "update",
        target: { kind: "none" },
        ...input,
      });
    expect(await start({ mapping: [null, "firstName"] })).toMatchObject({
      ok: false,
      field: "mapping",
      error: "Choose the column with the email",
    });
    expect(await start({ mapping: ["email", "email"] })).toMatchObject({
      ok: false,
      field: "mapping",
      error: "first: Column 1 already goes into this field",
    });
    expect(await start({ mapping: ["email", "first\u0000Name"] })).toMatchObject({ ok: false, field: "mapping" });
    expect(await start({ target: { kind: "new", name: "New\u0000" } })).toMatchObject({
      ok: false,
      field: "segmentName",
      error: NUL_MESSAGE,
    });
    expect(await start({ jobId: `${uploaded.id}\u0000` })).toMatchObject({ ok: false });
    await createSegment(acme, null, { name: "Taken", type: "STATIC" });
    expect(await start({ target: { kind: "new", name: "taken" } })).toMatchObject({ ok: false, field: "segmentName" });
    const dynamic = await createSegment(acme, null, {
      name: "Dynamic",
      type: "DYNAMIC",
      rules: {
        match: "all",
        groups: [{ match: "all", conditions: [{ field: "contact.leadScore", operator: "is_set" }] }],
      },
    });
    expect(await start({ target: { kind: "existing", segmentId: dynamic.id } })).toMatchObject({
      ok: false,
      field: "segmentId",
    });
    // Another company's job does not exist for this company.
    expect(
      await startImportAs(globexUser, globex, {
        jobId: uploaded.id,
        mapping: ["email", null],
        existing: "update",
        target: { kind: "none" },
      }),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/does not exist/) });
    expect(await getImportJob(globex, uploaded.id)).toBeNull();

    const ok = await start({ target: { kind: "new", name: "Spring fair" } });
    expect(ok).toMatchObject({ ok: true, segmentName: "Spring fair" });
    expect(await start({})).toMatchObject({ ok: false, error: "This import has already been started." });
    expect(await runImportJob(acme, uploaded.id)).toMatchObject({ status: "SUCCEEDED", created: 1 });
  });

  it("marks a job that stopped writing progress as failed, keeping its counts", async () => {
    const uploaded = await upload("email\nstall@example.com\n");
    const segment = await createSegment(acme, null, { name: "Stalled", type: "STATIC" });
    await claimImportJob(acme, uploaded.id, {
      mapping: ["email"],
      existing: "UPDATE",
      segmentId: segment.id,
      segmentName: "Stalled",
    });
    await failStalledImportJob(acme, uploaded.id);
    expect(await getImportJob(acme, uploaded.id)).toMatchObject({ status: "RUNNING" });
    await t.sql.query(`UPDATE "ImportJob" SET "updatedAt" = now() - interval '11 minutes' WHERE "id" = $1`, [
      uploaded.id,
    ]);
    await failStalledImportJob(globex, uploaded.id);
    expect(await getImportJob(acme, uploaded.id)).toMatchObject({ status: "RUNNING" });
    await failStalledImportJob(acme, uploaded.id);
    expect(await getImportJob(acme, uploaded.id)).toMatchObject({
      status: "FAILED",
      error: expect.stringMatching(/import the file again/),
    });
  });

  it("deletes uploads left waiting for a day; starting such a job then says to upload again", async () => {
    const uploaded = await upload("email\nlate@example.com\n");
    const stray = path.join(dir, "upload-stray.csv");
    await writeFile(stray, "email\n");
    const dayAgo = new Date(Date.now() - 25 * 60 * 60 * 1000);
    await utimes(importFilePath(acme, uploaded.id), dayAgo, dayAgo);
    await removeAbandonedUploads();
    const left = await readdir(dir);
    expect(left).toContain("upload-stray.csv");
    expect(left).not.toContain(path.basename(importFilePath(acme, uploaded.id)));
    await rm(stray);
    const started = await startImportAs(acmeUser, acme, {
      jobId: uploaded.id,
      mapping: ["email"],
      existing: "update",
      target: { kind: "none" },
    });
    expect(started.ok).toBe(true);
    expect(await runImportJob(acme, uploaded.id)).toMatchObject({
      status: "FAILED",
      error: expect.stringMatching(/upload it again/),
    });
  });

  it("imports a 50 MB file streamed, keeping every row", async () => {
    // Most of the bytes are in a column that is not imported (as in real exports with
    // long free-text columns): the file is big, the database work stays moderate.
    const bio = "b".repeat(8_000);
    const rows = 6_600;
    let bytes = 0;
    async function* file() {
      const encoder = new TextEncoder();
      const header = encoder.encode("email,bio,plan\n");
      bytes += header.length;
      yield header;
      for (let start = 0; start < rows; start += 200) {
        let text = "";
        for (let i = start; i < Math.min(rows, start + 200); i++) {
          text += `big${i}@example.com,"${bio}, ""quoted""",${i % 100 === 99 ? "Platinum" : "Pro"}\n`;
        }
        const chunk = encoder.encode(text);
        bytes += chunk.length;
        yield chunk;
      }
    }
    const { job, failed } = await importCsv(file(), {
      mapping: ["email", null, "customField.plan"],
      target: { kind: "new", name: "Big file" },
    });
    expect(bytes).toBeGreaterThan(50 * 1024 * 1024);
    expect(job).toMatchObject({
      status: "SUCCEEDED",
      totalRows: rows,
      processedRows: rows,
      created: rows - 66,
      failed: 66,
    });
    expect(failed.every((row) => row.message.includes('"Platinum" is not an option'))).toBe(true);
    expect(await t.db.contact.count({ where: { companyId: acme, email: { startsWith: "big" } } })).toBe(rows - 66);
  }, 600_000);
});
