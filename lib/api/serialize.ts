import type { CampaignDto } from "@/lib/data/campaigns/campaigns";
import type { ContactDetail } from "@/lib/data/contacts/contacts";
import type { CustomFieldDto } from "@/lib/data/contacts/custom-fields";

/**
 * What the API answers with: plain JSON objects with a stable shape, built from the data
 * layer's DTOs (dates become ISO strings through JSON).
 */

export function apiContact(contact: ContactDetail) {
  const customFields: Record<string, unknown> = {};
  for (const field of contact.customFields) {
    if (field.value !== undefined && field.value !== null) customFields[field.key] = field.value;
  }
  return {
    id: contact.id,
    email: contact.email,
    firstName: contact.firstName,
    lastName: contact.lastName,
    phone: contact.phone,
    companyName: contact.companyName,
    jobTitle: contact.jobTitle,
    source: contact.source,
    country: contact.country,
    state: contact.state,
    city: contact.city,
    timezone: contact.timezone,
    lifecycleStage: contact.lifecycleStage,
    subscriptionStatus: contact.subscriptionStatus,
    leadScore: contact.leadScore,
    engagementScore: contact.engagementScore,
    engagementTrend: contact.engagementTrend,
    conversionLikelihood: contact.conversionLikelihood,
    lastActivityAt: contact.lastActivityAt,
    lastOpenedAt: contact.lastOpenedAt,
    lastClickedAt: contact.lastClickedAt,
    lastEmailSentAt: contact.lastEmailSentAt,
    lastOpenedDevice: contact.lastOpenedDevice,
    openedLastEmail: contact.openedLastEmail,
    preferredOpenHour: contact.preferredOpenHour,
    preferredOpenDay: contact.preferredOpenDay,
    tags: contact.tags,
    customFields,
    segments: contact.segments.map((segment) => ({ id: segment.id, name: segment.name })),
    createdAt: contact.createdAt,
    updatedAt: contact.updatedAt,
  };
}

export function apiCustomField(field: CustomFieldDto) {
  return { id: field.id, key: field.key, label: field.label, type: field.type, options: field.options };
}

/** Channel and status in lower case, as the API takes the channel ("email" | "call"). */
export function apiCampaign(campaign: CampaignDto) {
  return {
    id: campaign.id,
    name: campaign.name,
    channel: campaign.channel.toLowerCase(),
    subject: campaign.subject,
    status: campaign.status.toLowerCase(),
    scheduledAt: campaign.scheduledAt,
    sentAt: campaign.sentAt,
    createdAt: campaign.createdAt,
    updatedAt: campaign.updatedAt,
  };
}
