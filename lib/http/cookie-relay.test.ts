import { ResponseCookies } from "next/dist/compiled/@edge-runtime/cookies";
import { describe, expect, it } from "vitest";
import { seeOther } from "./cookie-relay";

// Values shaped like Kratos's: base64 with '+', '/' and '=' padding.
const csrf =
  "csrf_token_82b1=TX/4OsorrGRUgjNliKDOvP2VBZBZp7YCAA9W5yJNx1Y=; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax";
const session =
  "ory_kratos_session=MTc5NTMw-x_Q==; Path=/; Expires=Sun, 22 Nov 2026 22:39:07 GMT; HttpOnly; SameSite=Lax";

describe("seeOther", () => {
  it("relays every upstream Set-Cookie header byte for byte", () => {
    const response = seeOther("/verification?flow=1", [csrf, session]);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/verification?flow=1");
    expect(response.headers.getSetCookie()).toEqual([csrf, session]);
  });
});

describe("why we do not use Next's cookies().set()", () => {
  it("percent-encodes the value, which Kratos (Go, no URL-decoding) would reject", () => {
    const headers = new Headers();
    new ResponseCookies(headers).set("csrf_token_82b1", "TX/4Oso+rGR=");
    expect(headers.get("set-cookie")).toContain("csrf_token_82b1=TX%2F4Oso%2BrGR%3D");
  });
});
