-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'MEMBER');

-- CreateEnum
CREATE TYPE "LifecycleStage" AS ENUM ('SUBSCRIBER', 'LEAD', 'MQL', 'SQL', 'CUSTOMER', 'CHURNED');

-- CreateEnum
CREATE TYPE "SubscriptionStatus" AS ENUM ('ACTIVE', 'UNSUBSCRIBED', 'BOUNCED');

-- CreateEnum
CREATE TYPE "EngagementTrend" AS ENUM ('RISING', 'STABLE', 'DECLINING');

-- CreateEnum
CREATE TYPE "ConversionLikelihood" AS ENUM ('LOW', 'POSSIBLE', 'LIKELY', 'VERY_LIKELY');

-- CreateEnum
CREATE TYPE "Weekday" AS ENUM ('MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN');

-- CreateEnum
CREATE TYPE "Device" AS ENUM ('mobile', 'desktop', 'tablet');

-- CreateEnum
CREATE TYPE "EventType" AS ENUM ('email_sent', 'email_delivered', 'email_opened', 'email_clicked', 'email_bounced', 'unsubscribed', 'page_visited', 'form_submitted', 'purchase', 'conversion');

-- CreateEnum
CREATE TYPE "CustomFieldType" AS ENUM ('TEXT', 'NUMBER', 'DATE', 'BOOLEAN', 'SELECT', 'MULTI_SELECT');

-- CreateEnum
CREATE TYPE "SegmentType" AS ENUM ('DYNAMIC', 'STATIC');

-- CreateEnum
CREATE TYPE "SegmentStatus" AS ENUM ('ACTIVE', 'PAUSED');

-- CreateEnum
CREATE TYPE "RecalculationState" AS ENUM ('IDLE', 'QUEUED', 'RUNNING', 'FAILED');

-- CreateEnum
CREATE TYPE "MembershipSource" AS ENUM ('RULE_MATCH', 'MANUAL', 'IMPORT', 'API');

-- CreateEnum
CREATE TYPE "RecalculationStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "RecalculationTrigger" AS ENUM ('SAVE', 'MANUAL', 'SCHEDULE', 'DEPENDENCY', 'API', 'EVENTS');

-- CreateEnum
CREATE TYPE "MembershipChangeKind" AS ENUM ('ENTERED', 'EXITED');

-- CreateEnum
CREATE TYPE "CampaignChannel" AS ENUM ('EMAIL', 'CALL');

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('DRAFT', 'SCHEDULED', 'SENDING', 'SENT', 'CANCELLED');

-- CreateEnum
CREATE TYPE "AudienceRole" AS ENUM ('INCLUDE', 'EXCLUDE');

-- CreateTable
CREATE TABLE "Company" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Company_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "companyId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'MEMBER',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Contact" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "companyId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "firstName" TEXT,
    "lastName" TEXT,
    "phone" TEXT,
    "companyName" TEXT,
    "jobTitle" TEXT,
    "source" TEXT,
    "country" TEXT,
    "state" TEXT,
    "city" TEXT,
    "timezone" TEXT,
    "lifecycleStage" "LifecycleStage",
    "subscriptionStatus" "SubscriptionStatus" NOT NULL DEFAULT 'ACTIVE',
    "leadScore" INTEGER,
    "engagementScore" INTEGER,
    "engagementTrend" "EngagementTrend",
    "conversionLikelihood" "ConversionLikelihood",
    "lastActivityAt" TIMESTAMPTZ(3),
    "lastOpenedAt" TIMESTAMPTZ(3),
    "lastClickedAt" TIMESTAMPTZ(3),
    "lastEmailSentAt" TIMESTAMPTZ(3),
    "lastOpenedDevice" "Device",
    "preferredOpenHour" INTEGER,
    "preferredOpenDay" "Weekday",
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "customFields" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Contact_pkey" PRIMARY KEY ("companyId","id")
);

-- CreateTable
CREATE TABLE "CustomFieldDefinition" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "companyId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "type" "CustomFieldType" NOT NULL,
    "options" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomFieldDefinition_pkey" PRIMARY KEY ("companyId","id")
);

-- CreateTable
CREATE TABLE "ContactEvent" (
    "id" BIGSERIAL NOT NULL,
    "companyId" UUID NOT NULL,
    "contactId" UUID NOT NULL,
    "type" "EventType" NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "campaignId" TEXT,
    "url" TEXT,
    "device" "Device",
    "revenue" DECIMAL(12,2),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContactEvent_pkey" PRIMARY KEY ("companyId","id")
);

-- CreateTable
CREATE TABLE "Segment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "companyId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "type" "SegmentType" NOT NULL,
    "rules" JSONB,
    "definitionVersion" INTEGER NOT NULL DEFAULT 1,
    "status" "SegmentStatus" NOT NULL DEFAULT 'ACTIVE',
    "contactCount" INTEGER NOT NULL DEFAULT 0,
    "lastRecalculatedAt" TIMESTAMPTZ(3),
    "recalculationState" "RecalculationState" NOT NULL DEFAULT 'IDLE',
    "needsRecalculation" BOOLEAN NOT NULL DEFAULT false,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Segment_pkey" PRIMARY KEY ("companyId","id")
);

-- CreateTable
CREATE TABLE "SegmentMembership" (
    "companyId" UUID NOT NULL,
    "segmentId" UUID NOT NULL,
    "contactId" UUID NOT NULL,
    "addedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "addedVia" "MembershipSource" NOT NULL,

    CONSTRAINT "SegmentMembership_pkey" PRIMARY KEY ("companyId","segmentId","contactId")
);

-- CreateTable
CREATE TABLE "SegmentRecalculation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "companyId" UUID NOT NULL,
    "segmentId" UUID NOT NULL,
    "trigger" "RecalculationTrigger" NOT NULL,
    "status" "RecalculationStatus" NOT NULL DEFAULT 'RUNNING',
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "durationMs" INTEGER,
    "entered" INTEGER NOT NULL DEFAULT 0,
    "exited" INTEGER NOT NULL DEFAULT 0,
    "memberCount" INTEGER,
    "error" TEXT,
    "requestedById" UUID,

    CONSTRAINT "SegmentRecalculation_pkey" PRIMARY KEY ("companyId","id")
);

-- CreateTable
CREATE TABLE "SegmentMembershipChange" (
    "id" BIGSERIAL NOT NULL,
    "companyId" UUID NOT NULL,
    "segmentId" UUID NOT NULL,
    "recalculationId" UUID NOT NULL,
    "contactId" UUID NOT NULL,
    "kind" "MembershipChangeKind" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SegmentMembershipChange_pkey" PRIMARY KEY ("companyId","id")
);

-- CreateTable
CREATE TABLE "SegmentAnalytics" (
    "companyId" UUID NOT NULL,
    "segmentId" UUID NOT NULL,
    "date" DATE NOT NULL,
    "contactCount" INTEGER NOT NULL,
    "emailsSent" INTEGER NOT NULL DEFAULT 0,
    "delivered" INTEGER NOT NULL DEFAULT 0,
    "opened" INTEGER NOT NULL DEFAULT 0,
    "clicked" INTEGER NOT NULL DEFAULT 0,
    "unsubscribed" INTEGER NOT NULL DEFAULT 0,
    "conversions" INTEGER NOT NULL DEFAULT 0,
    "revenue" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "openRate" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "clickRate" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "unsubscribeRate" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "conversionRate" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "computedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SegmentAnalytics_pkey" PRIMARY KEY ("companyId","segmentId","date")
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "companyId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "channel" "CampaignChannel" NOT NULL DEFAULT 'EMAIL',
    "subject" TEXT,
    "message" TEXT,
    "status" "CampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "scheduledAt" TIMESTAMPTZ(3),
    "sentAt" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("companyId","id")
);

-- CreateTable
CREATE TABLE "CampaignAudience" (
    "companyId" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "segmentId" UUID NOT NULL,
    "role" "AudienceRole" NOT NULL,

    CONSTRAINT "CampaignAudience_pkey" PRIMARY KEY ("companyId","campaignId","segmentId")
);

-- CreateTable
CREATE TABLE "CampaignRecipient" (
    "companyId" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "contactId" UUID NOT NULL,
    "segmentId" UUID,
    "definitionVersion" INTEGER,
    "addedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CampaignRecipient_pkey" PRIMARY KEY ("companyId","campaignId","contactId")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "companyId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Company_slug_key" ON "Company"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_companyId_idx" ON "User"("companyId");

-- CreateIndex
CREATE INDEX "Contact_companyId_createdAt_idx" ON "Contact"("companyId", "createdAt");

-- CreateIndex
CREATE INDEX "Contact_companyId_lastName_firstName_idx" ON "Contact"("companyId", "lastName", "firstName");

-- CreateIndex
CREATE INDEX "Contact_companyId_leadScore_idx" ON "Contact"("companyId", "leadScore");

-- CreateIndex
CREATE INDEX "Contact_companyId_lastOpenedAt_idx" ON "Contact"("companyId", "lastOpenedAt");

-- CreateIndex
CREATE INDEX "Contact_companyId_lastActivityAt_idx" ON "Contact"("companyId", "lastActivityAt");

-- CreateIndex
CREATE INDEX "Contact_tags_idx" ON "Contact" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "Contact_customFields_idx" ON "Contact" USING GIN ("customFields" jsonb_path_ops);

-- CreateIndex
CREATE UNIQUE INDEX "Contact_companyId_email_key" ON "Contact"("companyId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "CustomFieldDefinition_companyId_key_key" ON "CustomFieldDefinition"("companyId", "key");

-- CreateIndex
CREATE INDEX "ContactEvent_companyId_contactId_type_occurredAt_idx" ON "ContactEvent"("companyId", "contactId", "type", "occurredAt");

-- CreateIndex
CREATE INDEX "ContactEvent_companyId_type_occurredAt_idx" ON "ContactEvent"("companyId", "type", "occurredAt");

-- CreateIndex
CREATE INDEX "ContactEvent_companyId_campaignId_type_idx" ON "ContactEvent"("companyId", "campaignId", "type");

-- CreateIndex
CREATE INDEX "Segment_companyId_createdAt_idx" ON "Segment"("companyId", "createdAt");

-- CreateIndex
CREATE INDEX "Segment_companyId_type_status_idx" ON "Segment"("companyId", "type", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Segment_companyId_name_key" ON "Segment"("companyId", "name");

-- CreateIndex
CREATE INDEX "SegmentMembership_companyId_contactId_idx" ON "SegmentMembership"("companyId", "contactId");

-- CreateIndex
CREATE INDEX "SegmentRecalculation_companyId_segmentId_startedAt_idx" ON "SegmentRecalculation"("companyId", "segmentId", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "SegmentMembershipChange_companyId_recalculationId_kind_idx" ON "SegmentMembershipChange"("companyId", "recalculationId", "kind");

-- CreateIndex
CREATE INDEX "SegmentMembershipChange_companyId_segmentId_contactId_idx" ON "SegmentMembershipChange"("companyId", "segmentId", "contactId");

-- CreateIndex
CREATE INDEX "Campaign_companyId_createdAt_idx" ON "Campaign"("companyId", "createdAt");

-- CreateIndex
CREATE INDEX "Campaign_companyId_status_idx" ON "Campaign"("companyId", "status");

-- CreateIndex
CREATE INDEX "CampaignAudience_companyId_segmentId_idx" ON "CampaignAudience"("companyId", "segmentId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "ApiKey_companyId_createdAt_idx" ON "ApiKey"("companyId", "createdAt");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomFieldDefinition" ADD CONSTRAINT "CustomFieldDefinition_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactEvent" ADD CONSTRAINT "ContactEvent_companyId_contactId_fkey" FOREIGN KEY ("companyId", "contactId") REFERENCES "Contact"("companyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Segment" ADD CONSTRAINT "Segment_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SegmentMembership" ADD CONSTRAINT "SegmentMembership_companyId_segmentId_fkey" FOREIGN KEY ("companyId", "segmentId") REFERENCES "Segment"("companyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SegmentMembership" ADD CONSTRAINT "SegmentMembership_companyId_contactId_fkey" FOREIGN KEY ("companyId", "contactId") REFERENCES "Contact"("companyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SegmentRecalculation" ADD CONSTRAINT "SegmentRecalculation_companyId_segmentId_fkey" FOREIGN KEY ("companyId", "segmentId") REFERENCES "Segment"("companyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SegmentMembershipChange" ADD CONSTRAINT "SegmentMembershipChange_companyId_segmentId_fkey" FOREIGN KEY ("companyId", "segmentId") REFERENCES "Segment"("companyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SegmentMembershipChange" ADD CONSTRAINT "SegmentMembershipChange_companyId_recalculationId_fkey" FOREIGN KEY ("companyId", "recalculationId") REFERENCES "SegmentRecalculation"("companyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SegmentAnalytics" ADD CONSTRAINT "SegmentAnalytics_companyId_segmentId_fkey" FOREIGN KEY ("companyId", "segmentId") REFERENCES "Segment"("companyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignAudience" ADD CONSTRAINT "CampaignAudience_companyId_campaignId_fkey" FOREIGN KEY ("companyId", "campaignId") REFERENCES "Campaign"("companyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignAudience" ADD CONSTRAINT "CampaignAudience_companyId_segmentId_fkey" FOREIGN KEY ("companyId", "segmentId") REFERENCES "Segment"("companyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignRecipient" ADD CONSTRAINT "CampaignRecipient_companyId_campaignId_fkey" FOREIGN KEY ("companyId", "campaignId") REFERENCES "Campaign"("companyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;
