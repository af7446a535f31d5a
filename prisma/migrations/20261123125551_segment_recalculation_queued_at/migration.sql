-- AlterTable
ALTER TABLE "Segment" ADD COLUMN     "recalculationQueuedAt" TIMESTAMPTZ(3);
