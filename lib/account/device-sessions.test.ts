import { SessionFromJSON } from "@ory/kratos-client-fetch";
import { beforeAll, describe, expect, it } from "vitest";
import { loginFor } from "../flows/login-url";
import type * as Sessions from "./device-sessions";

let lib: typeof Sessions;

beforeAll(async () => {
  lib = await import("./device-sessions");
});

// The shape of one entry of Kratos v1.3.1's GET /sessions.
const kratosSession = {
  id: "3d7f0b9c-6c55-4a42-9d2c-2f7d6a0c1b11",
  active: true,
  authenticated_at: "2026-11-22T10:00:00.123456Z",
  expires_at: "2026-11-23T10:00:00Z",
  issued_at: "2026-11-22T10:00:00Z",
  authenticator_assurance_level: "aal1",
  authentication_methods: [{ method: "password", aal: "aal1", completed_at: "2026-11-22T10:00:00Z" }],
  devices: [{ id: "a1b2c3d4-0000-4000-8000-000000000001", ip_address: "203.0.113.7", user_agent: "Firefox/140.0" }],
};

describe("toSessionView", () => {
  it("shows each device's user agent and address, the sign-in time and the methods", () => {
    const view = lib.toSessionView(SessionFromJSON(kratosSession), false);
    expect(view).toEqual({
      id: kratosSession.id,
      current: false,
      devices: [
        { userAgent: "Firefox/140.0", ipAddress: "203.0.113.7", location: "", browser: "Firefox", system: undefined },
      ],
      authenticatedAt: "2026-11-22T10:00:00.123Z",
      expiresAt: "2026-11-23T10:00:00.000Z",
      methods: ["password"],
    });
  });

  it("copes with a session without devices or times", () => {
    const view = lib.toSessionView(SessionFromJSON({ id: kratosSession.id }), true);
    expect(view).toMatchObject({ current: true, devices: [], authenticatedAt: undefined, methods: [] });
  });
});

describe("orderSessions", () => {
  it("puts the current session first, then the others newest first, without repeating the current", () => {
    const session = (id: string, authenticatedAt: string, current = false) => ({
      id,
      current,
      devices: [],
      authenticatedAt,
      expiresAt: undefined,
      methods: [],
    });
    const current = session("c", "2026-11-22T09:00:00Z", true);
    const ordered = lib.orderSessions(current, [
      session("old", "2026-11-20T09:00:00Z"),
      session("c", "2026-11-22T09:00:00Z"),
      session("new", "2026-11-22T11:00:00Z"),
    ]);
    expect(ordered.map((item) => item.id)).toEqual(["c", "new", "old"]);
  });
});

describe("isSessionId", () => {
  it("accepts a UUID only, so nothing else reaches Kratos's path", () => {
    expect(lib.isSessionId(kratosSession.id)).toBe(true);
    expect(lib.isSessionId("../admin/identities")).toBe(false);
    expect(lib.isSessionId(`${kratosSession.id}/x`)).toBe(false);
    expect(lib.isSessionId("")).toBe(false);
    expect(lib.isSessionId(null)).toBe(false);
  });
});

describe("loginFor", () => {
  it("comes back to the page on the app's own origin", () => {
    expect(loginFor("/sessions")).toBe("/login?return_to=http%3A%2F%2Flocalhost%3A3000%2Fsessions");
  });
});
