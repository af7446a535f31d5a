import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./openapi";

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components: {
    schemas: Record<string, { properties?: Record<string, { description?: string }>; required?: string[] }>;
  };
};

describe("the OpenAPI document", () => {
  const doc = buildOpenApiDocument() as Doc;

  it("is OpenAPI 3.1 and lists every endpoint of the API spec", () => {
    expect(doc.openapi).toBe("3.1.0");
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        "POST /api/v1/contacts",
        "GET /api/v1/contacts/{id}",
        "DELETE /api/v1/contacts/{id}",
        "POST /api/v1/contacts/delete",
        "POST /api/v1/events",
        "GET /api/v1/custom-fields",
        "POST /api/v1/custom-fields",
        "GET /api/v1/campaigns",
        "POST /api/v1/campaigns",
        "GET /api/v1/segments",
        "POST /api/v1/segments",
        "POST /api/v1/segments/preview",
        "GET /api/v1/segments/{id}",
        "PATCH /api/v1/segments/{id}",
        "DELETE /api/v1/segments/{id}",
        "POST /api/v1/segments/{id}/recalculate",
        "GET /api/v1/segments/{id}/contacts",
        "POST /api/v1/segments/{id}/contacts",
        "DELETE /api/v1/segments/{id}/contacts",
        "GET /api/v1/segments/{id}/contacts.csv",
      ].sort(),
    );
  });

  it("generates the bodies from the zod schemas the handlers use", () => {
    const contact = doc.components.schemas.ContactInput;
    expect(contact?.required).toEqual(["email"]);
    expect(Object.keys(contact?.properties ?? {})).toEqual(
      expect.arrayContaining(["email", "firstName", "leadScore", "tags", "customFields", "createdAt"]),
    );
    expect(contact?.properties?.lifecycleStage?.description).toMatch(/SUBSCRIBER, LEAD/);
    expect(doc.components.schemas.EventInput?.required).toEqual(expect.arrayContaining(["type", "occurredAt"]));
    expect(doc.components.schemas.CustomFieldInput?.required).toEqual(expect.arrayContaining(["key", "label", "type"]));
    expect(doc.components.schemas.SegmentCreate?.properties?.rules).toEqual({
      $ref: "#/components/schemas/SegmentDefinition",
    });
  });

  it("has no reference that points nowhere", () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((match) => match[1] as string);
    expect(refs.length).toBeGreaterThan(10);
    for (const target of refs) {
      expect(target).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas[target.split("/").pop() as string]).toBeDefined();
    }
  });
});
