import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { errorResponse, RateLimitedError, UnauthorizedError } from "./errors";

async function answer(error: unknown) {
  const response = errorResponse(error);
  return { status: response.status, body: await response.json(), headers: response.headers };
}

describe("errorResponse", () => {
  it("gives each expected error its status and the one error shape", async () => {
    expect(await answer(new ValidationError("Bad", [{ path: ["a", 0], message: "m" }]))).toMatchObject({
      status: 400,
      body: { error: { code: "validation_error", message: "Bad", issues: [{ path: ["a", 0], message: "m" }] } },
    });
    const zodError = z.object({ a: z.array(z.number()) }).safeParse({ a: ["x"] }).error;
    expect((await answer(zodError)).body.error.issues).toEqual([{ path: ["a", 0], message: expect.any(String) }]);
    expect(await answer(new UnauthorizedError())).toMatchObject({
      status: 401,
      body: { error: { code: "unauthorized" } },
    });
    expect(await answer(new NotFoundError("Gone"))).toMatchObject({
      status: 404,
      body: { error: { code: "not_found", message: "Gone" } },
    });
    // Never a 403: it would confirm that the thing exists.
    expect(await answer(new ForbiddenError())).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    expect(await answer(new ConflictError("Taken"))).toMatchObject({
      status: 409,
      body: { error: { code: "conflict" } },
    });
    const limited = await answer(new RateLimitedError(17, 600));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("17");
    expect(limited.body.error.code).toBe("rate_limited");
  });

  it("answers anything else with a generic 500 that reveals nothing", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const result = await answer(new TypeError("Cannot read properties of undefined (reading 'secret')"));
    expect(result).toMatchObject({ status: 500, body: { error: { code: "internal_error" } } });
    expect(JSON.stringify(result.body)).not.toMatch(/secret|TypeError/);
    log.mockRestore();
  });
});
