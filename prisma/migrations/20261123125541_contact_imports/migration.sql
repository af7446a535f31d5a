-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('UPLOADED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "ImportExistingMode" AS ENUM ('UPDATE', 'SKIP');

-- CreateTable
CREATE TABLE "ImportJob" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "companyId" UUID NOT NULL,
    "createdById" UUID,
    "fileName" TEXT NOT NULL,
    "fileBytes" BIGINT NOT NULL,
    "delimiter" TEXT NOT NULL,
    "headers" TEXT[],
    "sample" JSONB NOT NULL DEFAULT '[]',
    "totalRows" INTEGER NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'UPLOADED',
    "mapping" JSONB,
    "existing" "ImportExistingMode" NOT NULL DEFAULT 'UPDATE',
    "segmentId" UUID,
    "segmentName" TEXT,
    "processedRows" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImportJob_pkey" PRIMARY KEY ("companyId","id")
);

-- CreateTable
CREATE TABLE "ImportFailedRow" (
    "companyId" UUID NOT NULL,
    "jobId" UUID NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "cells" TEXT[],
    "message" TEXT NOT NULL,

    CONSTRAINT "ImportFailedRow_pkey" PRIMARY KEY ("companyId","jobId","rowNumber")
);

-- CreateIndex
CREATE INDEX "ImportJob_companyId_createdAt_idx" ON "ImportJob"("companyId", "createdAt");

-- AddForeignKey
ALTER TABLE "ImportJob" ADD CONSTRAINT "ImportJob_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportFailedRow" ADD CONSTRAINT "ImportFailedRow_companyId_jobId_fkey" FOREIGN KEY ("companyId", "jobId") REFERENCES "ImportJob"("companyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
