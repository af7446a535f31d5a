-- DropIndex
DROP INDEX "ContactEvent_companyId_type_occurredAt_idx";

-- CreateIndex
CREATE INDEX "ContactEvent_companyId_type_occurredAt_contactId_idx" ON "ContactEvent"("companyId", "type", "occurredAt", "contactId");
