import { z } from "zod";
import { CampaignCreateInputSchema } from "@/lib/campaigns/schema";
import { CUSTOM_FIELD_TYPES, CustomFieldDefinitionInputSchema } from "@/lib/contacts/custom-field-schema";
import { bulkDeleteContactsSchema } from "@/lib/contacts/delete-schema";
import { EventInputSchema } from "@/lib/contacts/event-schema";
import { ContactInputSchema, LIFECYCLE_STAGES, SUBSCRIPTION_STATUSES } from "@/lib/contacts/schema";
import {
  apiAddMembersSchema,
  apiCreateSegmentSchema,
  apiRemoveMembersSchema,
  apiUpdateSegmentSchema,
} from "@/lib/segments/api-schema";
import { DEVICES, EVENT_TYPES } from "@/lib/segments/engine/fields";
import { segmentDefinitionSchema } from "@/lib/segments/engine/schema";
import { MAX_BODY_BYTES } from "./limits";

/**
 * The OpenAPI 3.1 document of /api/v1, served at /api/v1/openapi.json. Request bodies are
 * generated from the same zod schemas the handlers validate with (z.toJSONSchema, input
 * side: what a client sends); the schemas normalize as they validate (enums in any letter
 * case, numbers as text...), which JSON Schema cannot say, so such fields carry the
 * accepted values in their description. Answers are described by the small zod schemas
 * below.
 */

type JsonSchema = Record<string, unknown>;

const DOCS = "https://github.com/segments/segments/blob/main/docs/api.md";

/** Accepted values of fields that the schema checks in code, for the generated schema. */
const FIELD_NOTES: Record<string, Record<string, string>> = {
  ContactInput: {
    email: "Required; unique per company, compared case-insensitively.",
    lifecycleStage: `One of ${LIFECYCLE_STAGES.join(", ")} (any letter case); null or "" clears it.`,
    subscriptionStatus: `One of ${SUBSCRIPTION_STATUSES.join(", ")} (any letter case).`,
    leadScore: "A whole number from 0 to 100 (a number or numeric text); null clears it.",
    createdAt: "ISO 8601 date-time with a time zone, or a date; for imports of existing data.",
    tags: "A list of tags, or one string separated by commas or semicolons; stored lower-case.",
    customFields:
      "Keys are custom fields defined for the company; values by type: TEXT text, NUMBER a number, DATE YYYY-MM-DD, BOOLEAN true/false, SELECT one option, MULTI_SELECT a list of options. null removes the value.",
  },
  EventInput: {
    email: "The contact's email; give email or contactId.",
    contactId: "The contact's id; give email or contactId.",
    type: `One of ${EVENT_TYPES.join(", ")}.`,
    occurredAt: "ISO 8601 date-time with a time zone; at most a day in the future.",
    campaignId: "One of the company's campaigns, or another system's campaign id (kept as given).",
    device: `One of ${DEVICES.join(", ")}.`,
    revenue: "purchase and conversion events only.",
  },
  CustomFieldInput: { type: `One of ${CUSTOM_FIELD_TYPES.join(", ")}.` },
  CampaignInput: { channel: '"email" (default) or "call".' },
};

/** A zod schema as a JSON Schema of what a client sends. */
function inputSchema(schema: z.ZodType, name?: string): JsonSchema {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  delete json.$schema;
  const notes = name ? FIELD_NOTES[name] : undefined;
  const properties = json.properties as Record<string, JsonSchema> | undefined;
  if (notes && properties) {
    for (const [field, description] of Object.entries(notes)) {
      if (properties[field]) properties[field] = { ...properties[field], description };
    }
  }
  return json;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

// --- answers -------------------------------------------------------------------------------

const ErrorBody = z.object({
  error: z.object({
    code: z.enum([
      "validation_error",
      "not_found",
      "unauthorized",
      "conflict",
      "payload_too_large",
      "segment_in_use",
      "rate_limited",
      "internal_error",
    ]),
    message: z.string(),
    issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
    details: z.record(z.string(), z.unknown()).optional().meta({
      description:
        "segment_in_use: { campaigns: [{ id, name, status, role }], segments: [{ id, name }] }, what uses the segment",
    }),
  }),
});

const RowErrors = z.array(z.object({ index: z.number().int(), message: z.string() }));

const Contact = z
  .object({
    id: z.uuid(),
    email: z.string(),
    tags: z.array(z.string()),
    customFields: z.record(z.string(), z.unknown()),
    segments: z.array(z.object({ id: z.uuid(), name: z.string() })),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .catchall(z.unknown())
  .meta({
    description: "Every contact field of ContactInput plus the computed ones (engagementScore, lastOpenedAt...).",
  });

const Segment = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    type: z.enum(["dynamic", "static"]),
    status: z.enum(["active", "paused"]),
    contactCount: z.number().int(),
    lastRecalculatedAt: z.string().nullable(),
    membershipStale: z.boolean().meta({
      description: "The rules were saved (or never calculated) and no recalculation has succeeded since",
    }),
    membershipStaleReason: z.string().nullable(),
    rules: z.unknown(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .catchall(z.unknown());

const Campaign = z.object({
  id: z.uuid(),
  name: z.string(),
  channel: z.enum(["email", "call"]),
  subject: z.string().nullable(),
  status: z.string(),
  createdAt: z.string(),
});

const CustomField = z.object({
  id: z.uuid(),
  key: z.string(),
  label: z.string(),
  type: z.enum(CUSTOM_FIELD_TYPES),
  options: z.array(z.string()),
});

/** `rules` stays unknown in the body schemas (the engine checks it): point it at SegmentDefinition. */
function withRules(schema: JsonSchema): JsonSchema {
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (properties?.rules) properties.rules = ref("SegmentDefinition");
  return schema;
}

function outputSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { unrepresentable: "any" }) as JsonSchema;
  delete json.$schema;
  return json;
}

// --- the document ----------------------------------------------------------------------------

const jsonBody = (schema: JsonSchema) => ({ required: true, content: { "application/json": { schema } } });
const answer = (description: string, schema?: JsonSchema) => ({
  description,
  ...(schema ? { content: { "application/json": { schema } } } : {}),
});
const errors = {
  "400": answer(
    "The request is not valid: issues name the fields (text with a NUL character or a lone UTF-16 surrogate is refused everywhere)",
    ref("Error"),
  ),
  "401": answer("Missing, malformed or revoked API key", ref("Error")),
  "429": {
    ...answer("Too many requests for this key: wait Retry-After seconds", ref("Error")),
    headers: { "Retry-After": { schema: { type: "integer" } } },
  },
};
const notFound = { "404": answer("Not found (also for another company's ids)", ref("Error")) };
const idParam = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const listParams = [
  { name: "q", in: "query", schema: { type: "string", maxLength: 200 }, description: "Search" },
  { name: "cursor", in: "query", schema: { type: "string" }, description: "nextCursor of the previous page" },
  { name: "limit", in: "query", schema: { type: "integer", minimum: 1 } },
];
const page = (key: string, item: JsonSchema) => ({
  type: "object",
  properties: { [key]: { type: "array", items: item }, nextCursor: { type: ["string", "null"] } },
  required: [key, "nextCursor"],
});

export function buildOpenApiDocument(): JsonSchema {
  const definition = inputSchema(segmentDefinitionSchema);
  // Its input side is "anything" (checked by the engine); its output side is the shape.
  const rules = {
    ...(Object.keys(definition).length ? definition : outputSchema(segmentDefinitionSchema)),
    description:
      "A SegmentDefinition: { match, groups, exclusions? } with conditions { field, operator, value?, window?, filter? } (see docs/api.md and the rule language).",
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "Segments API",
      version: "1",
      description: `Contacts, events, custom fields, campaigns and segments of one company, chosen by the API key. Guide with examples: ${DOCS}`,
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API key from Settings → API keys" },
      },
      schemas: {
        Error: outputSchema(ErrorBody),
        ContactInput: inputSchema(ContactInputSchema, "ContactInput"),
        ContactsDelete: inputSchema(bulkDeleteContactsSchema),
        EventInput: inputSchema(EventInputSchema, "EventInput"),
        CustomFieldInput: inputSchema(CustomFieldDefinitionInputSchema, "CustomFieldInput"),
        CampaignInput: inputSchema(CampaignCreateInputSchema, "CampaignInput"),
        SegmentDefinition: rules,
        SegmentCreate: withRules(inputSchema(apiCreateSegmentSchema)),
        SegmentUpdate: withRules(inputSchema(apiUpdateSegmentSchema)),
        SegmentMembersAdd: inputSchema(apiAddMembersSchema),
        SegmentMembersRemove: inputSchema(apiRemoveMembersSchema),
        Contact: outputSchema(Contact),
        Segment: outputSchema(Segment),
        Campaign: outputSchema(Campaign),
        CustomField: outputSchema(CustomField),
        RowErrors: outputSchema(RowErrors),
      },
    },
    paths: withBodyLimit({
      "/api/v1/contacts": {
        post: {
          summary: "Create or update contacts by email (up to 1,000)",
          requestBody: jsonBody({
            type: "object",
            properties: { contacts: { type: "array", items: ref("ContactInput"), minItems: 1, maxItems: 1000 } },
            required: ["contacts"],
          }),
          responses: {
            "200": answer("Valid rows are stored even when others fail", {
              type: "object",
              properties: { created: { type: "integer" }, updated: { type: "integer" }, errors: ref("RowErrors") },
            }),
            ...errors,
          },
        },
      },
      "/api/v1/contacts/{id}": {
        get: {
          summary: "A contact with its tags, custom fields and segments",
          parameters: [idParam],
          responses: { "200": answer("The contact", ref("Contact")), ...errors, ...notFound },
        },
        delete: {
          summary: "Delete a contact with its events and memberships (?forget=true: GDPR erasure)",
          parameters: [
            idParam,
            {
              name: "forget",
              in: "query",
              schema: { enum: ["true", "false"] },
              description: "Also erase the email wherever it survives (history, campaign recipients, import reports)",
            },
          ],
          responses: { "204": answer("Deleted"), ...errors, ...notFound },
        },
      },
      "/api/v1/contacts/delete": {
        post: {
          summary: "Delete contacts by id and/or email (up to 1,000), in one transaction",
          requestBody: jsonBody(ref("ContactsDelete")),
          responses: {
            "200": answer("How many were deleted; ids and emails of no contact of the company", {
              type: "object",
              properties: {
                deleted: { type: "integer" },
                unknownContactIds: { type: "array", items: { type: "string" } },
                unknownEmails: { type: "array", items: { type: "string" } },
              },
              required: ["deleted", "unknownContactIds", "unknownEmails"],
            }),
            ...errors,
          },
        },
      },
      "/api/v1/events": {
        post: {
          summary: "Record events of existing contacts (up to 5,000)",
          requestBody: jsonBody({
            type: "object",
            properties: { events: { type: "array", items: ref("EventInput"), minItems: 1, maxItems: 5000 } },
            required: ["events"],
          }),
          responses: {
            "200": answer("Valid events are stored even when others fail", {
              type: "object",
              properties: { accepted: { type: "integer" }, errors: ref("RowErrors") },
            }),
            ...errors,
          },
        },
      },
      "/api/v1/custom-fields": {
        get: {
          summary: "The company's custom fields",
          responses: {
            "200": answer("By label", {
              type: "object",
              properties: { customFields: { type: "array", items: ref("CustomField") } },
            }),
            ...errors,
          },
        },
        post: {
          summary: "Define a custom field",
          requestBody: jsonBody(ref("CustomFieldInput")),
          responses: {
            "201": answer("Created", ref("CustomField")),
            "409": answer("The key is taken", ref("Error")),
            ...errors,
          },
        },
      },
      "/api/v1/campaigns": {
        get: {
          summary: "The company's campaigns, newest first",
          parameters: listParams,
          responses: { "200": answer("A page", page("campaigns", ref("Campaign"))), ...errors },
        },
        post: {
          summary: "Register a campaign (as a draft)",
          requestBody: jsonBody(ref("CampaignInput")),
          responses: { "201": answer("Created", ref("Campaign")), ...errors },
        },
      },
      "/api/v1/segments": {
        get: {
          summary: "The company's segments",
          parameters: [
            ...listParams,
            { name: "sort", in: "query", schema: { enum: ["name", "createdAt"] } },
            { name: "order", in: "query", schema: { enum: ["asc", "desc"] } },
          ],
          responses: { "200": answer("A page", page("segments", ref("Segment"))), ...errors },
        },
        post: {
          summary: "Create a dynamic segment (rules) or a static one (contactIds / emails)",
          requestBody: jsonBody(ref("SegmentCreate")),
          responses: {
            "201": answer("Created", ref("Segment")),
            "409": answer("The name is taken", ref("Error")),
            ...errors,
          },
        },
      },
      "/api/v1/segments/preview": {
        post: {
          summary: "Count and sample the contacts that match rules now",
          requestBody: jsonBody({
            type: "object",
            properties: { rules: ref("SegmentDefinition") },
            required: ["rules"],
          }),
          responses: {
            "200": answer("Evaluated on current data", {
              type: "object",
              properties: {
                count: { type: "integer" },
                sample: { type: "array", maxItems: 10, items: { type: "object" } },
              },
            }),
            ...errors,
          },
        },
      },
      "/api/v1/segments/{id}": {
        get: {
          summary: "A segment with contactCount and lastRecalculatedAt",
          parameters: [idParam],
          responses: { "200": answer("The segment", ref("Segment")), ...errors, ...notFound },
        },
        patch: {
          summary: "Change name, description or rules",
          parameters: [idParam],
          requestBody: jsonBody(ref("SegmentUpdate")),
          responses: { "200": answer("The segment", ref("Segment")), ...errors, ...notFound },
        },
        delete: {
          summary: "Delete a segment (contacts stay)",
          parameters: [
            idParam,
            {
              name: "force",
              in: "query",
              schema: { enum: ["true", "false"] },
              description: "Accepted for old clients; overrides nothing: a segment in use is never deleted",
            },
          ],
          responses: {
            "204": answer("Deleted"),
            "409": answer(
              "segment_in_use: a draft, scheduled or sending campaign or another segment's rules use it (named in details)",
              ref("Error"),
            ),
            ...errors,
            ...notFound,
          },
        },
      },
      "/api/v1/segments/{id}/recalculate": {
        post: {
          summary: "Refresh the membership",
          parameters: [idParam],
          responses: {
            "202": answer("Queued on the background worker, or run at once without one"),
            ...errors,
            ...notFound,
          },
        },
      },
      "/api/v1/segments/{id}/contacts": {
        get: {
          summary: "The segment's members",
          parameters: [idParam, ...listParams],
          responses: {
            "200": answer("A page", {
              ...page("contacts", { type: "object" }),
              properties: {
                ...page("contacts", { type: "object" }).properties,
                total: { type: "integer" },
              },
            }),
            ...errors,
            ...notFound,
          },
        },
        post: {
          summary: "Add members to a static segment",
          parameters: [idParam],
          requestBody: jsonBody(ref("SegmentMembersAdd")),
          responses: {
            "200": answer("{ added, unknownContactIds, unknownEmails }"),
            "409": answer("A dynamic segment's members follow its rules", ref("Error")),
            ...errors,
            ...notFound,
          },
        },
        delete: {
          summary: "Remove members from a static segment",
          parameters: [idParam],
          requestBody: jsonBody(ref("SegmentMembersRemove")),
          responses: {
            "200": answer("{ removed }"),
            "409": answer("A dynamic segment's members follow its rules", ref("Error")),
            ...errors,
            ...notFound,
          },
        },
      },
      "/api/v1/segments/{id}/contacts.csv": {
        get: {
          summary: "The segment's contacts as CSV (all fields, tags, custom fields), streamed",
          parameters: [idParam],
          responses: {
            "200": { description: "CSV, UTF-8 with BOM", content: { "text/csv": { schema: { type: "string" } } } },
            ...errors,
            ...notFound,
          },
        },
      },
    }),
  };
}

/** Every operation that takes a JSON body may answer 413 (MAX_BODY_BYTES, counted while reading). */
function withBodyLimit(paths: Record<string, Record<string, JsonSchema>>): Record<string, Record<string, JsonSchema>> {
  const tooLarge = answer(`The request body is over ${MAX_BODY_BYTES / 1024 / 1024} MB`, ref("Error"));
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      if (operation.requestBody) operation.responses = { ...(operation.responses as JsonSchema), "413": tooLarge };
    }
  }
  return paths;
}
