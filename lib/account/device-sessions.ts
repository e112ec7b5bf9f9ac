import "server-only";
import { SessionFromJSON, type Session } from "@ory/kratos-client-fetch";
import { loginFor } from "../flows/login-url";
import { kratosIdPattern } from "../kratos/ids";
import { kratosPublic } from "../kratos/client";
import { whoami } from "../kratos/whoami";
import { assuranceGate } from "./assurance";
import { nameDevice, type DeviceName } from "./user-agent";

/** One device a session was used from, as Kratos recorded it. */
export type DeviceView = { userAgent: string; ipAddress: string; location: string } & DeviceName;

/** What the sessions page shows about one session. */
export type SessionView = {
  id: string;
  /** The session of the browser looking at the page: it is ended by signing out, not here. */
  current: boolean;
  devices: DeviceView[];
  authenticatedAt: string | undefined;
  expiresAt: string | undefined;
  methods: string[];
};

export type SessionsPage = { kind: "sessions"; sessions: SessionView[] } | { kind: "redirect"; location: string };

/** Whether `id` looks like a Kratos session id (a UUID), so it may go into a path. */
export function isSessionId(id: string | null | undefined): id is string {
  return typeof id === "string" && kratosIdPattern.test(id);
}

/** Turns Kratos's session into what the page shows; unknown fields stay empty. */
export function toSessionView(session: Session, current: boolean): SessionView {
  return {
    id: session.id,
    current,
    devices: (session.devices ?? []).map((device) => ({
      userAgent: device.user_agent ?? "",
      ...nameDevice(device.user_agent ?? ""),
      ipAddress: device.ip_address ?? "",
      location: device.location ?? "",
    })),
    authenticatedAt: session.authenticated_at?.toISOString(),
    expiresAt: session.expires_at?.toISOString(),
    methods: (session.authentication_methods ?? []).flatMap((reference) =>
      reference.method ? [reference.method] : [],
    ),
  };
}

/** The current session first, then the others, most recently signed in first. */
export function orderSessions(current: SessionView, others: readonly SessionView[]): SessionView[] {
  const rest = others
    .filter((session) => session.id !== current.id)
    .sort((a, b) => (b.authenticatedAt ?? "").localeCompare(a.authenticatedAt ?? ""));
  return [current, ...rest];
}

/**
 * This identity's active sessions, asked of Kratos with the browser's cookies:
 * whoami for the current one, the public `GET /sessions` for the others.
 * Without a session, the login page that comes back here.
 */
export async function loadSessions(cookie: string | null): Promise<SessionsPage> {
  const result = await whoami(cookie);
  if (result.kind === "anonymous") return { kind: "redirect", location: loginFor("/sessions") };
  if (result.kind === "redirect") return { kind: "redirect", location: result.location };
  const response = await kratosPublic("/sessions?page_size=250", { cookie });
  if (response.status === 401) return { kind: "redirect", location: loginFor("/sessions") };
  if (response.status !== 200 || !Array.isArray(response.body)) {
    throw new Error(`Kratos answered ${response.status} to the sessions list`);
  }
  const others = (response.body as unknown[])
    .map((item) => SessionFromJSON(item))
    .filter((session) => session.active !== false)
    .map((session) => toSessionView(session, false));
  return { kind: "sessions", sessions: orderSessions(toSessionView(result.session, true), others) };
}

/** What a revoke did, for the notice on the sessions page. */
export type RevokeOutcome = "revoked" | "revoked-others" | "not-found" | "failed";

/** The sessions page showing `outcome`. */
export function sessionsPageWith(outcome: RevokeOutcome): string {
  return `/sessions?result=${outcome}`;
}

/**
 * Revokes one of this identity's other sessions (`DELETE /sessions/{id}`) or,
 * for "others", all of them but the current (`DELETE /sessions`), with the
 * browser's cookies, so Kratos only touches the caller's own sessions. Kratos
 * does not check CSRF here: callers must have refused cross-site requests.
 */
export async function revokeSessions(
  cookie: string | null,
  target: { sessionId: string } | "others",
): Promise<RevokeOutcome | { redirect: string }> {
  // Kratos's DELETE /sessions only checks that a session exists: the assurance level is checked here.
  const gate = await assuranceGate(cookie, "/sessions");
  if (gate.kind === "redirect") return { redirect: gate.location };
  const path = target === "others" ? "/sessions" : `/sessions/${encodeURIComponent(target.sessionId)}`;
  const response = await kratosPublic(path, { method: "DELETE", cookie });
  if (response.status === 401) return { redirect: loginFor("/sessions") };
  if (response.status === 200 || response.status === 204) return target === "others" ? "revoked-others" : "revoked";
  // 404: not one of this identity's sessions (or already gone); 400: the current session.
  if (response.status === 404 || response.status === 400) return "not-found";
  console.warn(`Kratos answered ${response.status} to a session revocation`);
  return "failed";
}
