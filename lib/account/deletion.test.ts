import { beforeAll, describe, expect, it } from "vitest";
import type * as AccountDeletion from "./deletion";
import type * as Env from "../config/env";

let lib: typeof AccountDeletion & Pick<typeof Env, "parsePrivilegedMaxAge">;

beforeAll(async () => {
  lib = { ...(await import("./deletion")), ...(await import("../config/env")) };
});

describe("the privileged window", () => {
  it("defaults to 900 s, kratos.yml's privileged_session_max_age of 15m, and reads the variable", () => {
    expect(lib.parsePrivilegedMaxAge({})).toBe(900);
    expect(lib.parsePrivilegedMaxAge({ PRIVILEGED_SESSION_MAX_AGE_SECONDS: " 60 " })).toBe(60);
  });

  it("names a malformed value", () => {
    for (const value of ["0", "-5", "1.5", "15m", "86401"]) {
      expect(() => lib.parsePrivilegedMaxAge({ PRIVILEGED_SESSION_MAX_AGE_SECONDS: value })).toThrow(
        /PRIVILEGED_SESSION_MAX_AGE_SECONDS/,
      );
    }
  });

  it("accepts a login inside the window and refuses one outside it", () => {
    const now = new Date("2026-11-22T12:00:00Z");
    const secondsAgo = (seconds: number) => new Date(now.getTime() - seconds * 1000);
    expect(lib.isFreshSession(secondsAgo(0), now, 900)).toBe(true);
    expect(lib.isFreshSession(secondsAgo(900), now, 900)).toBe(true);
    expect(lib.isFreshSession(secondsAgo(901), now, 900)).toBe(false);
    expect(lib.isFreshSession(secondsAgo(3600), now, 900)).toBe(false);
  });

  it("refuses a session without authenticated_at, an invalid date or one far in the future", () => {
    const now = new Date("2026-11-22T12:00:00Z");
    expect(lib.isFreshSession(undefined, now, 900)).toBe(false);
    expect(lib.isFreshSession(new Date("nope"), now, 900)).toBe(false);
    expect(lib.isFreshSession(new Date(now.getTime() + 60_000), now, 900)).toBe(false);
    // A little clock skew between Kratos and this server is tolerated.
    expect(lib.isFreshSession(new Date(now.getTime() + 2_000), now, 900)).toBe(true);
  });

  it("sends a stale session to a refresh login that comes back to the deletion page", () => {
    expect(lib.reauthLocation(new URL("http://localhost:3000"))).toBe(
      "/login?refresh=true&return_to=http%3A%2F%2Flocalhost%3A3000%2Faccount%2Fdelete",
    );
  });
});

describe("the typed confirmation", () => {
  it("must be the email exactly, ignoring case", () => {
    expect(lib.confirmationMatches("Ada@Example.com", "ada@example.com")).toBe(true);
    expect(lib.confirmationMatches("ada@example.com", "ada@example.com")).toBe(true);
    expect(lib.confirmationMatches(" ada@example.com", "ada@example.com")).toBe(false);
    expect(lib.confirmationMatches("ada@example.co", "ada@example.com")).toBe(false);
    expect(lib.confirmationMatches("", "ada@example.com")).toBe(false);
    expect(lib.confirmationMatches(null, "ada@example.com")).toBe(false);
    expect(lib.confirmationMatches("", undefined)).toBe(false);
  });
});

describe("clearing the session cookie", () => {
  const kratosDefault = { name: "ory_kratos_session" };

  it("expires ory_kratos_session on Path=/, Secure only over https", () => {
    const http = lib.expiredSessionCookie(false, kratosDefault);
    expect(http).toMatch(/^ory_kratos_session=; Path=\/; /);
    expect(http).toContain("Max-Age=0");
    expect(http).not.toContain("Secure");
    expect(http).not.toContain("Domain");
    expect(lib.expiredSessionCookie(true, kratosDefault)).toContain("; Secure");
  });

  it("names Kratos's cookie domain and name when they are configured, or the browser keeps the cookie", () => {
    expect(lib.expiredSessionCookie(true, { name: "id_session", domain: ".example.com" })).toMatch(
      /^id_session=; Path=\/; Domain=\.example\.com; /,
    );
  });

  it("sees when Kratos's own Set-Cookie headers already clear it", () => {
    expect(lib.clearsSessionCookie(["ory_kratos_session=; Path=/; Max-Age=0"], "ory_kratos_session")).toBe(true);
    expect(lib.clearsSessionCookie(["csrf_token_abc=xyz; Path=/"], "ory_kratos_session")).toBe(false);
    expect(lib.clearsSessionCookie([], "ory_kratos_session")).toBe(false);
  });
});
