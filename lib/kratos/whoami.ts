import "server-only";
import { SessionFromJSON, type Session } from "@ory/kratos-client-fetch";
import { kratosPublic, type KratosResponse } from "./client";
import { hasBrowserRedirect } from "./errors";

export type SessionResult =
  | { kind: "active"; session: Session }
  | { kind: "anonymous" }
  /** A session exists but needs more (a second factor): go where Kratos says. */
  | { kind: "redirect"; location: string };

/** Asks Kratos who the browser's cookies belong to. */
export async function whoami(cookie: string | null): Promise<SessionResult> {
  if (!cookie) return { kind: "anonymous" };
  const response = await kratosPublic("/sessions/whoami", { cookie });
  if (response.status === 200) return { kind: "active", session: SessionFromJSON(response.body) };
  if (response.status === 403 && hasBrowserRedirect(response.body)) {
    return { kind: "redirect", location: response.body.redirect_browser_to };
  }
  if (response.status === 401 || response.status === 403) return { kind: "anonymous" };
  throw new Error(`Kratos answered ${response.status} to whoami`);
}

/** The token Kratos issues to end this browser's session, or undefined without a session. */
export async function logoutToken(cookie: string | null): Promise<string | undefined> {
  const response = await kratosPublic("/self-service/logout/browser", { cookie });
  const body = response.body as { logout_token?: unknown } | null;
  return response.status === 200 && typeof body?.logout_token === "string" ? body.logout_token : undefined;
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
