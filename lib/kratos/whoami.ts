import "server-only";
import { SessionFromJSON, type Session } from "@ory/kratos-client-fetch";
import { kratosPublic } from "./client";
import { hasBrowserRedirect } from "./errors";
import { isFollowableRedirect } from "../http/kratos-redirect";

export type SessionResult =
  | { kind: "active"; session: Session }
  | { kind: "anonymous" }
  /** A session exists but needs more (a second factor): go where Kratos says. */
  | { kind: "redirect"; location: string };

/** Our own second-factor login, where a session that needs more goes when Kratos's redirect is not followable. */
export const secondFactorPath = "/login?aal=aal2";

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
  return followableOnly(result);
}

/**
 * A page follows Kratos's redirect only to the places every other redirect may
 * lead (lib/http/kratos-redirect.ts); otherwise our own second-factor login.
 * (The route guard checks its redirects against its own configuration.)
 */
export function followableOnly(result: SessionResult): SessionResult {
  return result.kind === "redirect" && !isFollowableRedirect(result.location)
    ? { kind: "redirect", location: secondFactorPath }
    : result;
}
