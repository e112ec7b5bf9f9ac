import { describe, expect, it } from "vitest";
import { isSameOriginRequest, readSameOriginForm } from "./same-origin";

const app = "http://localhost:3000";

function post(headers: Record<string, string>, body = "session_id=x"): Request {
  return new Request(`${app}/sessions/revoke`, { method: "POST", headers, body });
}

const form = { "Content-Type": "application/x-www-form-urlencoded" };

describe("isSameOriginRequest", () => {
  it("accepts the app's own Origin", () => {
    expect(isSameOriginRequest(new Headers({ Origin: app }), app)).toBe(true);
  });

  it("refuses a foreign Origin, whatever Sec-Fetch-Site claims", () => {
    expect(isSameOriginRequest(new Headers({ Origin: "https://evil.example" }), app)).toBe(false);
    expect(
      isSameOriginRequest(new Headers({ Origin: "http://localhost:3001", "Sec-Fetch-Site": "same-origin" }), app),
    ).toBe(false);
  });

  it("falls back to Sec-Fetch-Site when the Origin is null (Referrer-Policy: no-referrer) or absent", () => {
    expect(isSameOriginRequest(new Headers({ Origin: "null", "Sec-Fetch-Site": "same-origin" }), app)).toBe(true);
    expect(isSameOriginRequest(new Headers({ "Sec-Fetch-Site": "same-origin" }), app)).toBe(true);
    expect(isSameOriginRequest(new Headers({ Origin: "null", "Sec-Fetch-Site": "cross-site" }), app)).toBe(false);
    expect(isSameOriginRequest(new Headers({ "Sec-Fetch-Site": "same-site" }), app)).toBe(false);
    // "none" is a navigation the user typed, never a form post from a page.
    expect(isSameOriginRequest(new Headers({ "Sec-Fetch-Site": "none" }), app)).toBe(false);
  });

  it("refuses a request that proves nothing", () => {
    expect(isSameOriginRequest(new Headers(), app)).toBe(false);
    expect(isSameOriginRequest(new Headers({ Origin: "null" }), app)).toBe(false);
  });
});

describe("readSameOriginForm", () => {
  it("reads a same-origin urlencoded form", async () => {
    const read = await readSameOriginForm(post({ ...form, Origin: app }, "session_id=abc&x=%20y"), app);
    expect(read.kind).toBe("form");
    if (read.kind === "form") {
      expect(read.form.get("session_id")).toBe("abc");
      expect(read.form.get("x")).toBe(" y");
    }
  });

  it("refuses cross-site (403), other content types (415) and large bodies (413)", async () => {
    const status = async (request: Request, max?: number) => {
      const read = await readSameOriginForm(request, app, max);
      return read.kind === "refused" ? read.response.status : 200;
    };
    expect(await status(post({ ...form, Origin: "https://evil.example" }))).toBe(403);
    expect(await status(post({ "Content-Type": "text/plain", Origin: app }))).toBe(415);
    expect(await status(post({ ...form, Origin: app }, "a=".padEnd(100, "b")), 50)).toBe(413);
  });
});
