import { describe, expect, it } from "vitest";
import { newDeviceId, signKnownDevice, verifyKnownDevice } from "./known-device";

const secret = "test-secret-test-secret-0123";

describe("known-device cookie", () => {
  it("verifies for the email it was issued for only", () => {
    const deviceId = newDeviceId();
    const cookie = signKnownDevice(secret, deviceId, "ada@acme.test");
    expect(verifyKnownDevice(secret, cookie, "ada@acme.test")).toBe(deviceId);
    expect(verifyKnownDevice(secret, cookie, "bob@acme.test")).toBeNull();
  });

  it("refuses a forged, tampered, missing or differently signed cookie", () => {
    const deviceId = newDeviceId();
    const cookie = signKnownDevice(secret, deviceId, "ada@acme.test");
    expect(verifyKnownDevice("another-secret-0123456789", cookie, "ada@acme.test")).toBeNull();
    expect(verifyKnownDevice(secret, `${newDeviceId()}.${cookie.split(".")[1]}`, "ada@acme.test")).toBeNull();
    expect(verifyKnownDevice(secret, `${cookie}.x`, "ada@acme.test")).toBeNull();
    expect(verifyKnownDevice(secret, undefined, "ada@acme.test")).toBeNull();
    expect(verifyKnownDevice(secret, "garbage", "ada@acme.test")).toBeNull();
  });
});
