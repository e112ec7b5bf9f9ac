import "server-only";
import { seeOther } from "../http/cookie-relay";
import { env } from "../config/env";
import { endSession } from "../kratos/logout-flow";
import { safeReturnTo } from "../http/return-to";

/**
 * Ends the session named by the logout token (which Kratos only issues to the
 * session's own browser, so a forged link cannot log anyone out) and relays
 * Kratos's cookie-clearing Set-Cookie headers.
 */
export async function logOut(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const token = url.searchParams.get("token");
  const { appUrl, returnToOrigins } = env();
  const returnTo = safeReturnTo(url.searchParams.get("return_to"), appUrl, returnToOrigins) ?? "/login";
  if (!token) return seeOther(returnTo);
  const response = await endSession(token, request.headers.get("cookie"));
  return seeOther(returnTo, response.setCookies);
}
