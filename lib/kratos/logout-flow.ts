import "server-only";
import { LogoutFlowFromJSON } from "@ory/kratos-client-fetch";
import { kratosPublic, type KratosResponse } from "./client";

// Kratos's browser logout: a token issued to the session's own browser, then the call that ends it.

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
