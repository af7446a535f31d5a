import type { CampaignStatus, SegmentType } from "@/lib/generated/prisma/enums";
import type { CustomFieldType } from "@/lib/segments/engine/fields";

/**
 * What the segment builder knows about one company (client-safe DTOs): its custom fields
 * with types and options, its segments and campaigns (for "in segment" and campaign
 * filters). Loaded by lib/data/segments/segment-builder-catalog.ts.
 */

export type BuilderCustomField = { key: string; label: string; type: CustomFieldType; options: string[] };
export type BuilderSegment = { id: string; name: string; type: SegmentType };
export type BuilderCampaign = { id: string; name: string; status: CampaignStatus };

export type BuilderCatalog = {
  companyId: string;
  companyName: string;
  customFields: BuilderCustomField[];
  segments: BuilderSegment[];
  campaigns: BuilderCampaign[];
};
