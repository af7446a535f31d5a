import { z } from "zod";
import { emailSchema, instantSchema } from "@/lib/contacts/schema";
import type { Device, EventType } from "@/lib/generated/prisma/enums";
import {
  DEVICES as CATALOG_DEVICES,
  EVENT_TYPES as CATALOG_EVENT_TYPES,
  REVENUE_EVENT_TYPES,
} from "@/lib/segments/engine/fields";
import { rejectUnstorableText } from "@/lib/segments/engine/storable-text";

/**
 * EventInput of ../../shared/api.md: something a contact did (or that happened to them),
 * reported by another system. The contact is named by email or by contactId (exactly
 * one); it must exist: events never create contacts.
 */

// The engine's catalog, checked against the Prisma enums the rows are stored as.
const EVENT_TYPES = CATALOG_EVENT_TYPES satisfies readonly EventType[];
const DEVICES = CATALOG_DEVICES satisfies readonly Device[];

/** Fits the Decimal(12, 2) column. */
export const REVENUE_MAX = 9_999_999_999.99;
export const CAMPAIGN_ID_MAX = 200;
export const URL_MAX = 2048;

/** Absent and null mean the same for an event's optional fields. */
const nullToUndefined = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

function lowerCaseEnum<const T extends readonly [string, ...string[]]>(values: T) {
  const expected = `Expected one of ${values.join(", ")}`;
  return z.string({ error: expected }).transform((value, ctx) => {
    const lower = value.trim().toLowerCase();
    if ((values as readonly string[]).includes(lower)) return lower as T[number];
    ctx.addIssue({ code: "custom", message: expected });
    return z.NEVER;
  });
}

function optionalText(max: number) {
  return z
    .string({ error: "Expected text" })
    .superRefine(rejectUnstorableText)
    .trim()
    .max(max, `At most ${max} characters`)
    .nullish()
    .transform((value) => (value ? value : undefined));
}

export const EventInputSchema = z
  .strictObject(
    {
      email: emailSchema.nullish().transform(nullToUndefined),
      contactId: z
        .string({ error: "Expected a contact id" })
        .superRefine(rejectUnstorableText)
        .trim()
        .nullish()
        .transform(nullToUndefined),
      type: lowerCaseEnum(EVENT_TYPES),
      occurredAt: instantSchema,
      // One of the company's campaigns or another system's id: kept as given.
      campaignId: optionalText(CAMPAIGN_ID_MAX),
      url: optionalText(URL_MAX),
      device: lowerCaseEnum(DEVICES).nullish().transform(nullToUndefined),
      revenue: z
        .number({ error: "Expected a number" })
        .min(0, "Must not be negative")
        .max(REVENUE_MAX, `At most ${REVENUE_MAX}`)
        .nullish()
        .transform((value) => (value === null || value === undefined ? undefined : Math.round(value * 100) / 100)),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `Unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`
          : undefined,
    },
  )
  .superRefine((event, ctx) => {
    if (event.email === undefined && event.contactId === undefined) {
      ctx.addIssue({ code: "custom", path: ["email"], message: "Name the contact: give email or contactId" });
    } else if (event.email !== undefined && event.contactId !== undefined) {
      ctx.addIssue({ code: "custom", path: ["contactId"], message: "Give email or contactId, not both" });
    }
    if (event.revenue !== undefined && !REVENUE_EVENT_TYPES.includes(event.type)) {
      ctx.addIssue({
        code: "custom",
        path: ["revenue"],
        message: `Only ${REVENUE_EVENT_TYPES.join(" and ")} events carry revenue`,
      });
    }
  });

export type EventInput = z.input<typeof EventInputSchema>;
export type NormalizedEvent = z.output<typeof EventInputSchema>;
