import { describe, expect, it } from "vitest";
import { newPasswordProblem, PASSWORD_MAX_LENGTH } from "./password-policy";

const context = { email: "ada@acme.test", currentPassword: "correct horse battery" };

describe("newPasswordProblem", () => {
  it("accepts a long enough password unlike the current one and the email", () => {
    expect(newPasswordProblem("a brand new secret", context)).toBeNull();
  });

  it("refuses short, overlong, blank and repetitive passwords", () => {
    expect(newPasswordProblem("short", context)).toMatch(/at least 10/);
    expect(newPasswordProblem("x".repeat(PASSWORD_MAX_LENGTH + 1), context)).toMatch(/at most/);
    expect(newPasswordProblem(" ".repeat(12), context)).toMatch(/spaces/);
    expect(newPasswordProblem("abababababab", context)).toMatch(/different characters/);
  });

  it("refuses the current password and the email", () => {
    expect(newPasswordProblem("correct horse battery", context)).toMatch(/different from the current/);
    expect(newPasswordProblem("ADA@acme.test", context)).toMatch(/email/);
  });
});
