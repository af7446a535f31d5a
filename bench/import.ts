/**
 * The CSV import benchmark (issue 6): a 100,000-row file through the same code path as the
 * import page (upload streamed to a temporary file and parsed, start, background run in
 * batches of set-based SQL), into an empty company ("fresh": every row created) and the
 * same file again ("again": every row updated, no duplicates). Target: < 60 s for 100k.
 * Run by `npm run bench` after the engine's figures, or alone with `--import-only`.
 */

import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Actor } from "@/lib/auth/authz";
import { autoMapHeaders } from "@/lib/contacts/import-mapping";
import { runImportJob } from "@/lib/contacts/import-run";
import { startImportAs } from "@/lib/contacts/import-start";
import { receiveImportUpload } from "@/lib/contacts/import-upload";
import { csvResponse } from "@/lib/csv/write";
import { exportSegmentContacts } from "@/lib/data/contacts/contact-export";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type ImportBenchResult = {
  rows: number;
  fileBytes: number;
  runs: number;
  freshMs: number[];
  againMs: number[];
  /** Exporting the imported segment as CSV, streamed and read to the end. */
  exportMs: number[];
  /** The most the heap grew above its level at the start of an export. */
  exportHeapGrowthMb: number[];
  counts: { created: number; updated: number; failed: number };
};

const SLUG = "bench-import";
const STAGES = ["subscriber", "lead", "mql", "sql", "customer"];

async function writeCsv(file: string, rows: number): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, "drain");
  };
  await write("Email,First name,Last name,Company,Country,Lead score,Lifecycle stage,Tags,Plan\n");
  for (let i = 0; i < rows; i++) {
    await write(
      `user${i}@bench-import.example,First${i},"Last, ${i}",Company ${i % 997},Country ${i % 50},${i % 101},${STAGES[i % STAGES.length]},"vip;batch${i % 7}",${i % 3 ? "Pro" : "Free"}\n`,
    );
  }
  out.end();
  await once(out, "finish");
  return bytes;
}

async function importFile(actor: Actor, file: string) {
  const started = performance.now();
  const job = await receiveImportUpload(actor.companyId, {
    createdById: actor.userId,
    fileName: "bench.csv",
    body: createReadStream(file, { highWaterMark: 256 * 1024 }),
  });
  const start = await startImportAs(actor, actor.companyId, {
    jobId: job.id,
    mapping: autoMapHeaders(job.headers, [{ key: "plan", label: "Plan" }]),
    existing: "update",
    target: { kind: "none" },
  });
  if (!start.ok) throw new Error(`import bench: start failed: ${start.error}`);
  const done = await runImportJob(actor.companyId, job.id);
  if (done?.status !== "SUCCEEDED") throw new Error(`import bench: the import ended ${done?.status}: ${done?.error}`);
  return { ms: performance.now() - started, job: done };
}

export async function importBenchmark(
  db: PrismaClient,
  options: { rows?: number; runs?: number } = {},
): Promise<ImportBenchResult> {
  const rows = options.rows ?? 100_000;
  const runs = options.runs ?? 3;
  const dir = await mkdtemp(path.join(os.tmpdir(), "segments-bench-import-"));
  process.env.IMPORT_DIR = dir;
  try {
    const file = path.join(dir, "bench.csv");
    const fileBytes = await writeCsv(file, rows);
    const freshMs: number[] = [];
    const againMs: number[] = [];
    const exportMs: number[] = [];
    const exportHeapGrowthMb: number[] = [];
    let counts = { created: 0, updated: 0, failed: 0 };
    for (let run = 0; run < runs; run++) {
      // A new company each run, and the last one's rows vacuumed away (autovacuum is off
      // here): every run starts from the same state.
      await db.company.deleteMany({ where: { slug: SLUG } });
      await db.$executeRawUnsafe(`VACUUM ANALYZE "Contact", "SegmentMembership", "Segment"`);
      const actor = await benchCompany(db);
      const fresh = await importFile(actor, file);
      freshMs.push(fresh.ms);
      const again = await importFile(actor, file);
      againMs.push(again.ms);
      const exported = await exportSegment(actor.companyId, fresh.job.segmentId as string);
      if (exported.lines !== rows + 1) throw new Error(`import bench: exported ${exported.lines - 1} rows of ${rows}`);
      exportMs.push(exported.ms);
      exportHeapGrowthMb.push(exported.heapGrowthMb);
      counts = { created: fresh.job.created, updated: again.job.updated, failed: fresh.job.failed + again.job.failed };
      console.log(
        `  import run ${run + 1}: fresh ${(fresh.ms / 1000).toFixed(1)} s (${fresh.job.created} created), again ${(again.ms / 1000).toFixed(1)} s (${again.job.updated} updated, ${again.job.created} created), export ${(exported.ms / 1000).toFixed(1)} s (heap +${exported.heapGrowthMb.toFixed(0)} MB)`,
      );
    }
    return { rows, fileBytes, runs, freshMs, againMs, exportMs, exportHeapGrowthMb, counts };
  } finally {
    await db.company.deleteMany({ where: { slug: SLUG } });
    await rm(dir, { recursive: true, force: true });
  }
}

/** The segment's CSV as the export route streams it, read to the end; counts lines, samples the heap. */
async function exportSegment(companyId: string, segmentId: string) {
  // With NODE_OPTIONS=--expose-gc the heap is measured after collecting garbage: what the
  // export keeps alive. Without it the figure includes garbage not yet collected.
  const gc = (globalThis as { gc?: () => void }).gc;
  const heap = () => {
    gc?.();
    return process.memoryUsage().heapUsed;
  };
  const started = performance.now();
  const heapAtStart = heap();
  let heapPeak = heapAtStart;
  const contacts = await exportSegmentContacts(companyId, segmentId);
  const response = csvResponse("bench.csv", contacts.header, contacts.rows);
  let lines = 0;
  const decoder = new TextDecoder();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    lines += decoder.decode(chunk, { stream: true }).split("\r\n").length - 1;
    heapPeak = Math.max(heapPeak, heap());
  }
  return { ms: performance.now() - started, lines, heapGrowthMb: (heapPeak - heapAtStart) / 1024 / 1024 };
}

/** An empty company with the custom field the file fills, and a member to act as. */
async function benchCompany(db: PrismaClient): Promise<Actor> {
  const company = await db.company.create({ data: { name: "Bench import", slug: SLUG } });
  const user = await db.user.create({
    data: { companyId: company.id, email: `bench@${SLUG}.example`, name: "Bench", passwordHash: "x" },
  });
  await db.customFieldDefinition.create({
    data: { companyId: company.id, key: "plan", label: "Plan", type: "SELECT", options: ["Free", "Pro"] },
  });
  return { userId: user.id, email: user.email, name: user.name, role: "MEMBER", companyId: company.id };
}
