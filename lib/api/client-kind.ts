// Who is calling the JSON API: a browser (cookies, browser flows, Kratos's CSRF
// token) or a native app (API flows, a session token in a header). The seed's
// backend starts API flows for everyone and expects cookies from them; Kratos
// sets no cookies on API flows and checks no CSRF token, so a browser is never
// given one. See ARCHITECTURE.md, "The JSON API".

/**
 * A native client says so with `X-Session-Token` (its token, or empty before it
 * has one) or `Authorization: Bearer <token>`. A page on another site cannot
 * send either header without a CORS preflight, which this app never grants, so
 * a forged cross-site request is always a browser request and meets Kratos's CSRF check.
 */
export type ApiClient = { kind: "browser"; cookie: string | null } | { kind: "native"; sessionToken: string | null };

export function apiClientOf(headers: Headers): ApiClient {
  const token = headers.get("x-session-token");
  if (token !== null) return { kind: "native", sessionToken: token.trim() || null };
  const authorization = headers.get("authorization");
  const bearer = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization.trim()) : null;
  if (bearer) return { kind: "native", sessionToken: bearer[1]! };
  return { kind: "browser", cookie: headers.get("cookie") };
}
