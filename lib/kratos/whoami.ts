import "server-only";
import { LogoutFlowFromJSON, SessionFromJSON, type Session } from "@ory/kratos-client-fetch";
import { kratosPublic, type KratosResponse } from "./client";
import { hasBrowserRedirect } from "./errors";

export type SessionResult =
  | { kind: "active"; session: Session }
  | { kind: "anonymous" }
  /** A session exists but needs more (a second factor): go where Kratos says. */
  | { kind: "redirect"; location: string };

/**
 * What Kratos's answer to `GET /sessions/whoami` means; undefined for an answer
 * that says nothing about the session (a 5xx, a proxy's error page). The one
 * reading of whoami, shared by the pages and the proxy's route guard.
 */
export function readWhoami(status: number, body: unknown): SessionResult | undefined {
  if (status === 200) return { kind: "active", session: SessionFromJSON(body) };
  // 403 with a redirect: the session needs a second factor (session_aal2_required).
  if (status === 403 && hasBrowserRedirect(body)) return { kind: "redirect", location: body.redirect_browser_to };
  if (status === 401 || status === 403) return { kind: "anonymous" };
  return undefined;
}

/** Asks Kratos who the browser's cookies belong to. */
export async function whoami(cookie: string | null): Promise<SessionResult> {
  if (!cookie) return { kind: "anonymous" };
  const response = await kratosPublic("/sessions/whoami", { cookie });
  const result = readWhoami(response.status, response.body);
  if (!result) throw new Error(`Kratos answered ${response.status} to whoami`);
  return result;
}

/** The token Kratos issues to end this browser's session, or undefined without a session. */
export async function logoutToken(cookie: string | null): Promise<string | undefined> {
  const response = await kratosPublic("/self-service/logout/browser", { cookie });
  if (response.status !== 200) return undefined;
  const token: unknown = LogoutFlowFromJSON(response.body).logout_token;
  return typeof token === "string" ? token : undefined;
}

/** The URL that logs this browser out through our server, or undefined without a session. */
export async function logoutPath(cookie: string | null): Promise<string | undefined> {
  const token = await logoutToken(cookie);
  return token === undefined ? undefined : `/logout?token=${encodeURIComponent(token)}`;
}

/** Ends the session the token names; Kratos's answer carries the cookie-clearing Set-Cookie headers. */
export function endSession(token: string, cookie: string | null): Promise<KratosResponse> {
  return kratosPublic(`/self-service/logout?token=${encodeURIComponent(token)}`, { cookie });
}
