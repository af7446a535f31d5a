import type { BadgeTone } from "@/components/ui/badge";
import type {
  ConversionLikelihood,
  Device,
  EngagementTrend,
  LifecycleStage,
  SubscriptionStatus,
  Weekday,
} from "@/lib/generated/prisma/enums";

// What people read for the stored enum values.

export const LIFECYCLE_LABELS: Record<LifecycleStage, string> = {
  SUBSCRIBER: "Subscriber",
  LEAD: "Lead",
  MQL: "MQL",
  SQL: "SQL",
  CUSTOMER: "Customer",
  CHURNED: "Churned",
};

export const LIFECYCLE_TONES: Record<LifecycleStage, BadgeTone> = {
  SUBSCRIBER: "neutral",
  LEAD: "brand",
  MQL: "brand",
  SQL: "amber",
  CUSTOMER: "green",
  CHURNED: "red",
};

export const SUBSCRIPTION_LABELS: Record<SubscriptionStatus, string> = {
  ACTIVE: "Subscribed",
  UNSUBSCRIBED: "Unsubscribed",
  BOUNCED: "Bounced",
};

export const SUBSCRIPTION_TONES: Record<SubscriptionStatus, BadgeTone> = {
  ACTIVE: "green",
  UNSUBSCRIBED: "neutral",
  BOUNCED: "red",
};

export const TREND_LABELS: Record<EngagementTrend, string> = {
  RISING: "Rising",
  STABLE: "Stable",
  DECLINING: "Declining",
};

export const LIKELIHOOD_LABELS: Record<ConversionLikelihood, string> = {
  LOW: "Low",
  POSSIBLE: "Possible",
  LIKELY: "Likely",
  VERY_LIKELY: "Very likely",
};

export const WEEKDAY_LABELS: Record<Weekday, string> = {
  MON: "Monday",
  TUE: "Tuesday",
  WED: "Wednesday",
  THU: "Thursday",
  FRI: "Friday",
  SAT: "Saturday",
  SUN: "Sunday",
};

export const DEVICE_LABELS: Record<Device, string> = {
  mobile: "Mobile",
  desktop: "Desktop",
  tablet: "Tablet",
};
