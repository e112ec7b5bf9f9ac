// Runs before every request except Next's static files: the session guard for
// protected pages and the security headers. Why proxy.ts and not middleware.ts:
// ARCHITECTURE.md, "Route guard and security headers".
import { NextResponse, type NextRequest } from "next/server";
import { env } from "./lib/config/env";
import { guardConfig, guardRequest } from "./lib/http/route-guard";
import { applySecurityHeaders, contentSecurityPolicy, createNonce } from "./lib/http/security-headers";

// Served with its own long-lived Cache-Control (app/kratos/webauthn.js/route.ts).
const cacheableScripts = new Set(["/kratos/webauthn.js"]);

export async function proxy(request: NextRequest): Promise<Response> {
  const config = guardConfig();
  const { kratosBrowserUrl, returnToOrigins, oidcProviderOrigins } = env();
  const https = config.appUrl.protocol === "https:";
  const nonce = createNonce();
  const policy = contentSecurityPolicy({
    nonce,
    development: process.env.NODE_ENV !== "production",
    formActionOrigins: [kratosBrowserUrl.origin, ...returnToOrigins, ...oidcProviderOrigins],
    https,
  });
  const securityHeaders = {
    contentSecurityPolicy: policy,
    https,
    noStore: !cacheableScripts.has(request.nextUrl.pathname),
  };

  const { pathname, search } = request.nextUrl;
  const guarded = await guardRequest({ pathname, search, cookie: request.headers.get("cookie") }, config, { nonce });
  if (guarded) {
    applySecurityHeaders(guarded.headers, securityHeaders);
    return guarded;
  }

  // Next takes the nonce for its own scripts from the request's CSP header; the
  // layout reads x-nonce for its inline style. Both are set here, whatever the browser sent.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  requestHeaders.set("x-nonce", nonce);
  // The page's own path, so the language switcher can come back to it.
  requestHeaders.set("x-request-path", pathname + search);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  applySecurityHeaders(response.headers, securityHeaders);
  return response;
}

export const config = {
  // Next's build output is immutable and carries no page; everything else gets the headers.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
