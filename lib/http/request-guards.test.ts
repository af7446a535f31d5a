import { describe, expect, it } from "vitest";
import { crossOriginReason, declaredLength, streamExceeds } from "./request-guards";

const headers = (init: Record<string, string>) => new Headers(init);

describe("crossOriginReason", () => {
  it("accepts same-origin requests and requests from no browser at all", () => {
    expect(crossOriginReason(headers({ host: "app.test", origin: "https://app.test" }))).toBeNull();
    expect(crossOriginReason(headers({ host: "app.test", "sec-fetch-site": "same-origin" }))).toBeNull();
    expect(crossOriginReason(headers({ host: "app.test" }))).toBeNull();
    // Behind a proxy the public host is forwarded, as Next's own action check reads it.
    expect(
      crossOriginReason(headers({ host: "10.0.0.5:3000", "x-forwarded-host": "app.test", origin: "https://app.test" })),
    ).toBeNull();
  });

  it("refuses another site by Origin or by Sec-Fetch-Site", () => {
    expect(crossOriginReason(headers({ host: "app.test", origin: "http://evil.example" }))).toMatch(/evil\.example/);
    expect(crossOriginReason(headers({ host: "app.test", origin: "https://app.test:8443" }))).not.toBeNull();
    expect(crossOriginReason(headers({ host: "app.test", origin: "null" }))).not.toBeNull();
    expect(crossOriginReason(headers({ host: "app.test", "sec-fetch-site": "cross-site" }))).toMatch(/cross-site/);
    expect(crossOriginReason(headers({ host: "app.test", "sec-fetch-site": "same-site" }))).not.toBeNull();
  });
});

describe("streamExceeds", () => {
  function stream(chunks: number[]) {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const size = chunks[pulled++];
        if (size === undefined) controller.close();
        else controller.enqueue(new Uint8Array(size));
      },
    });
    return { body, pulled: () => pulled };
  }

  it("tells whether a body is over the limit, reading no further than needed", async () => {
    expect(await streamExceeds(stream([400, 600]).body, 1000)).toBe(false);
    const large = stream([600, 600, 600, 600]);
    expect(await streamExceeds(large.body, 1000)).toBe(true);
    expect(large.pulled()).toBe(2);
    expect(await streamExceeds(null, 1000)).toBe(false);
  });
});

describe("declaredLength", () => {
  it("reads a valid Content-Length only", () => {
    expect(declaredLength(headers({ "content-length": "123" }))).toBe(123);
    expect(declaredLength(headers({}))).toBeNull();
    expect(declaredLength(headers({ "content-length": "-1" }))).toBeNull();
  });
});
