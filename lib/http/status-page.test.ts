import { describe, expect, it } from "vitest";
import { safeRetryPath, tooManyAttemptsResponse, unavailableResponse, waitInWords } from "./status-page";

describe("tooManyAttemptsResponse", () => {
  it("answers 429 with Retry-After and says how long to wait", async () => {
    const response = tooManyAttemptsResponse(250, "/login?flow=abc", "n0nce");
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("250");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const html = await response.text();
    expect(html).toContain("please wait 4 minutes 10 seconds before trying again");
    expect(html).toContain('href="/login?flow=abc"');
    expect(html).toContain('<style nonce="n0nce">');
  });
});

describe("unavailableResponse", () => {
  it("answers 503 and links back to the page", async () => {
    const response = unavailableResponse("/settings?flow=x&a=<b>");
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("10");
    expect(await response.text()).toContain('href="/settings?flow=x&#38;a=&#60;b&#62;"');
  });
});

describe("safeRetryPath", () => {
  it("keeps paths on this app and nothing else", () => {
    expect(safeRetryPath("/login?flow=1")).toBe("/login?flow=1");
    for (const outside of ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", ""]) {
      expect(safeRetryPath(outside)).toBe("/");
    }
  });
});

describe("waitInWords", () => {
  it("says seconds and minutes in words", () => {
    expect(waitInWords(1)).toBe("1 second");
    expect(waitInWords(59)).toBe("59 seconds");
    expect(waitInWords(60)).toBe("1 minute");
    expect(waitInWords(121)).toBe("2 minutes 1 second");
  });
});
