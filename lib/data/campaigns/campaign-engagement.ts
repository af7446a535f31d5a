import "server-only";
import { sql } from "@prisma/client-runtime-utils";
import { planEngagement, SIMULATION_SPAN_MS } from "@/lib/campaigns/engagement-plan";
import { recordEvents } from "@/lib/data/contacts/events";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/errors";

const BATCH = 1000;

/**
 * Demo mode: writes the simulated opens, clicks, unsubscribes and purchases of a sent
 * campaign that fall due between the last run and `until` (planned per recipient by
 * lib/campaigns/engagement-plan.ts), through recordEvents like any reported event. The
 * window is claimed first with one UPDATE, so two runs at once never write an event twice.
 * Called by the Inngest function in waves over the week after sending, and by the
 * campaign page (so a machine without a worker sees engagement arrive too).
 * Returns how many events were written.
 */
export async function writeDueEngagement(companyId: string, campaignId: string, until = new Date()): Promise<number> {
  if (!isUuid(companyId) || !isUuid(campaignId)) return 0;
  const db = await getDb();
  const claimed = await db.$queryRaw<{ from: Date | null; sentAt: Date }[]>(sql`
    WITH prev AS (
      SELECT "engagementSimulatedUntil" AS "from" FROM "Campaign"
      WHERE "companyId" = ${companyId}::uuid AND "id" = ${campaignId}::uuid FOR UPDATE
    )
    UPDATE "Campaign" c SET "engagementSimulatedUntil" = ${until.toISOString()}::timestamptz
    FROM prev
    WHERE c."companyId" = ${companyId}::uuid AND c."id" = ${campaignId}::uuid
      AND c."status" = 'SENT' AND c."channel" = 'EMAIL' AND c."simulateEngagement" AND c."sentAt" IS NOT NULL
      AND (prev."from" IS NULL OR prev."from" < ${until.toISOString()}::timestamptz)
      AND (prev."from" IS NULL OR prev."from" < c."sentAt" + ${`${SIMULATION_SPAN_MS} milliseconds`}::interval)
    RETURNING prev."from", c."sentAt"`);
  const window = claimed[0];
  if (!window) return 0;
  const from = window.from ? new Date(window.from).getTime() : Number.NEGATIVE_INFINITY;
  const to = until.getTime();

  let written = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const recipients = await db.$queryRaw<{ contactId: string; sentAt: Date; engagementScore: number | null }[]>(sql`
      SELECT r."contactId", r."sentAt", c."engagementScore"
      FROM "CampaignRecipient" r
      JOIN "Contact" c ON c."companyId" = r."companyId" AND c."id" = r."contactId"
      WHERE r."companyId" = ${companyId}::uuid AND r."campaignId" = ${campaignId}::uuid
        AND r."sentAt" IS NOT NULL AND r."contactId" > ${after}::uuid
      ORDER BY r."contactId" LIMIT ${BATCH}::int`);
    if (recipients.length === 0) break;
    after = recipients[recipients.length - 1]?.contactId as string;
    const events = recipients.flatMap((recipient) =>
      planEngagement(campaignId, recipient.contactId, new Date(recipient.sentAt), recipient.engagementScore)
        .filter((event) => event.occurredAt.getTime() > from && event.occurredAt.getTime() <= to)
        .map((event) => ({
          contactId: recipient.contactId,
          campaignId,
          type: event.type,
          occurredAt: event.occurredAt.toISOString(),
          ...(event.device ? { device: event.device } : {}),
          ...(event.url ? { url: event.url } : {}),
          ...(event.revenue !== undefined ? { revenue: event.revenue } : {}),
        })),
    );
    if (events.length > 0) written += (await recordEvents(companyId, events)).accepted;
  }
  return written;
}
