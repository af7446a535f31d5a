-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "engagementSimulatedUntil" TIMESTAMPTZ(3),
ADD COLUMN     "recipientCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "sentCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "simulateEngagement" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "CampaignAudience" ADD COLUMN     "definitionVersion" INTEGER,
ADD COLUMN     "memberCount" INTEGER,
ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "CampaignRecipient" ADD COLUMN     "sentAt" TIMESTAMPTZ(3);
