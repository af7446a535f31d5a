import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "@/lib/api/limits";
import { companyWithKey, noParams } from "@/lib/api/test-helpers";
import { setDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { POST as createContact } from "./contacts/route";

let t: TestDatabase;
let acme: { companyId: string; key: string };

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  acme = await companyWithKey(t.db, "acme");
});

afterAll(async () => {
  await t?.close();
});

/** A body sent in chunks without Content-Length, as `Transfer-Encoding: chunked` arrives; counts what was pulled. */
function chunkedBody(totalBytes: number, fill: (index: number) => Uint8Array) {
  const pulled = { bytes: 0 };
  let index = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= totalBytes) return controller.close();
      const chunk = fill(index++);
      pulled.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled };
}

function streamedRequest(stream: ReadableStream<Uint8Array>): Request {
  return new Request("http://localhost/api/v1/contacts", {
    method: "POST",
    headers: { authorization: `Bearer ${acme.key}`, "content-type": "application/json" },
    body: stream,
    duplex: "half",
  } as RequestInit);
}

describe("API request body limit", () => {
  it("answers 413 to a 50 MB chunked body without Content-Length, and stops reading at the limit", async () => {
    const chunk = new TextEncoder().encode(`{"a":"${"x".repeat(64 * 1024 - 10)}"},`);
    const { stream, pulled } = chunkedBody(50 * 1024 * 1024, () => chunk);
    const response = await createContact(streamedRequest(stream), noParams);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { code: "payload_too_large", message: "The request body is too large (at most 10 MB)" },
    });
    expect(pulled.bytes).toBeLessThan(MAX_BODY_BYTES + 4 * chunk.byteLength);
  });

  it("answers 413 at once to a declared Content-Length over the limit", async () => {
    const request = new Request("http://localhost/api/v1/contacts", {
      method: "POST",
      headers: {
        authorization: `Bearer ${acme.key}`,
        "content-type": "application/json",
        "content-length": String(MAX_BODY_BYTES + 1),
      },
      body: "{}",
    });
    const response = await createContact(request, noParams);
    expect(response.status).toBe(413);
  });

  it("reads a small chunked body in full (multi-byte characters split across chunks included)", async () => {
    const bytes = new TextEncoder().encode(
      JSON.stringify({ contacts: [{ email: "zoe@acme.test", firstName: "Zoë" }] }),
    );
    const split = bytes.indexOf(0xc3) + 1; // in the middle of "ë"
    const parts = [bytes.slice(0, split), bytes.slice(split)];
    const { stream } = chunkedBody(bytes.byteLength, (index) => parts[index] as Uint8Array);
    const response = await createContact(streamedRequest(stream), noParams);
    expect(await response.json()).toEqual({ created: 1, updated: 0, errors: [] });
    expect((await t.db.contact.findFirstOrThrow({ where: { email: "zoe@acme.test" } })).firstName).toBe("Zoë");
  });
});
