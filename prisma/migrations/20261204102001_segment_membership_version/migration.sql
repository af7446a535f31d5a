-- AlterTable
ALTER TABLE "Segment" ADD COLUMN     "membershipVersion" INTEGER;

-- Backfill: a dynamic segment calculated since its last rules change (not flagged)
-- has membership of its current rules. A flagged one may be behind its rules or only
-- behind a segment it refers to: left unknown (NULL), shown stale until its next run.
UPDATE "Segment" SET "membershipVersion" = "definitionVersion"
WHERE "type" = 'DYNAMIC' AND "lastRecalculatedAt" IS NOT NULL AND NOT "needsRecalculation";
