import type { Sql } from "@prisma/client-runtime-utils";
import { sql } from "@prisma/client-runtime-utils";
import { applyEngineSettings } from "@/lib/data/segments/segment-catalog";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * The product brief's sample ("seed-style") engine, as the baseline: load the matching
 * contacts' full rows into the app, delete all memberships of the segment, insert them
 * all again with Prisma createMany in batches of 1,000. Same predicate and session
 * settings as the engine, so the difference is the approach, not the query.
 */
export async function seedStyleRecalculate(
  db: PrismaClient,
  companyId: string,
  segmentId: string,
  where: Sql,
): Promise<number> {
  return db.$transaction(
    async (tx) => {
      await applyEngineSettings(tx);
      const contacts = await tx.$queryRaw<{ id: string }[]>(sql`SELECT c.* FROM "Contact" c WHERE ${where}`);
      await tx.segmentMembership.deleteMany({ where: { companyId, segmentId } });
      for (let from = 0; from < contacts.length; from += 1_000) {
        await tx.segmentMembership.createMany({
          data: contacts.slice(from, from + 1_000).map((contact) => ({
            companyId,
            segmentId,
            contactId: contact.id,
            addedVia: "RULE_MATCH" as const,
          })),
        });
      }
      await tx.segment.update({
        where: { companyId_id: { companyId, id: segmentId } },
        data: { contactCount: contacts.length, lastRecalculatedAt: new Date() },
      });
      return contacts.length;
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
}
