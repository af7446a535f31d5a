import type { LifecycleStage, SubscriptionStatus } from "@/lib/generated/prisma/enums";

/**
 * A contact's own attributes, as the Contact table stores them: the one list the data
 * layer's DTOs and the seed's rows build on (activity and score columns differ in type
 * between them: Date in DTOs, epoch ms in the seed).
 */
export type ContactAttributes = {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  companyName: string | null;
  jobTitle: string | null;
  source: string | null;
  country: string | null;
  state: string | null;
  city: string | null;
  timezone: string | null;
  lifecycleStage: LifecycleStage | null;
  subscriptionStatus: SubscriptionStatus;
  leadScore: number | null;
  tags: string[];
};
