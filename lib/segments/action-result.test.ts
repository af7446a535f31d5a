import { describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/errors";
import { notFoundMessage, toActionError } from "./action-result";

describe("notFoundMessage", () => {
  it("names the thing that is missing, keeping acronyms", () => {
    expect(notFoundMessage(new NotFoundError("Segment not found"))).toBe("This segment does not exist (any more).");
    expect(notFoundMessage(new NotFoundError("Campaign not found"))).toBe("This campaign does not exist (any more).");
    expect(notFoundMessage(new NotFoundError("API key not found"))).toBe("This API key does not exist (any more).");
  });

  it("keeps a message already written for people", () => {
    const message = "This import does not exist (any more). Upload the file again.";
    expect(toActionError(new NotFoundError(message))).toEqual({ ok: false, code: "not_found", error: message });
  });
});
