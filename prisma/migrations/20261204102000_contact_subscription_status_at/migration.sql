-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "subscriptionStatusAt" TIMESTAMPTZ(3);

-- Backfill: the latest unsubscribed / email_bounced event of each contact that has one, so
-- that an older event arriving from now on changes nothing. Statuses are left as they are
-- (a contact write may have set one since; its time was not recorded).
UPDATE "Contact" c SET "subscriptionStatusAt" = e."at"
FROM (
  SELECT "companyId", "contactId", max("occurredAt") AS "at" FROM "ContactEvent"
  WHERE "type" IN ('unsubscribed', 'email_bounced')
  GROUP BY "companyId", "contactId"
) e
WHERE c."companyId" = e."companyId" AND c."id" = e."contactId";
