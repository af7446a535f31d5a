-- CreateEnum
CREATE TYPE "AuditAction" AS ENUM ('CONTACTS_DELETED', 'CONTACTS_FORGOTTEN');

-- AlterEnum
ALTER TYPE "RecalculationTrigger" ADD VALUE 'CONTACTS_DELETED';

-- AlterTable
ALTER TABLE "CampaignRecipient" ADD COLUMN     "contactDeletedAt" TIMESTAMPTZ(3),
ADD COLUMN     "deletedOutcome" JSONB;

-- CreateTable
CREATE TABLE "AuditLogEntry" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "companyId" UUID NOT NULL,
    "action" "AuditAction" NOT NULL,
    "actorUserId" UUID,
    "actorApiKeyId" UUID,
    "actorLabel" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "subjectHashes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLogEntry_pkey" PRIMARY KEY ("companyId","id")
);

-- CreateIndex
CREATE INDEX "AuditLogEntry_companyId_at_idx" ON "AuditLogEntry"("companyId", "at" DESC);

-- CreateIndex
CREATE INDEX "AuditLogEntry_subjectHashes_idx" ON "AuditLogEntry" USING GIN ("subjectHashes");

-- AddForeignKey
ALTER TABLE "AuditLogEntry" ADD CONSTRAINT "AuditLogEntry_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;
