// The proxy's session check for protected pages (proxy.ts runs on Node).
//
// It is an optimisation, not the security boundary: every page checks the
// session itself (see ARCHITECTURE.md, "Route guard and security headers").
import { env, type GuardSettings } from "../config/env";
import { callKratosJson, KratosUnavailableError } from "../kratos/client";
import { readWhoami } from "../kratos/whoami";
import { loginFor } from "../flows/login-url";
import { seeOther } from "./cookie-relay";
import { unavailableResponse } from "./status-page";

/**
 * Never guarded, whatever PROTECTED_ROUTES says: the pages that create a
 * session (guarding them would loop), the form relay, static files, the
 * WebAuthn helper the login page loads, and the health check.
 */
const neverGuarded: readonly string[] = [
  "/login",
  "/registration",
  "/verification",
  "/verify",
  "/recovery",
  "/error",
  "/logout",
  "/self-service",
  "/_next",
  "/favicon.ico",
  "/kratos/webauthn.js",
  "/api/health",
  // The "try again" page shown when Kratos does not answer.
  "/unavailable",
  // The confirmation after deleting an account is shown to a browser whose session is gone.
  "/account/deleted",
];

export type GuardConfig = GuardSettings & {
  appUrl: URL;
  /** Where this server reaches Kratos (whoami). */
  kratosPublicUrl: URL;
  /** Kratos as browsers reach it: a redirect Kratos asks for may point there. */
  kratosBrowserUrl: URL;
};

let cached: GuardConfig | undefined;

/** The guard's configuration, read once; throws EnvError naming every problem. */
export function guardConfig(): GuardConfig {
  if (!cached) {
    const { appUrl, kratosPublicUrl, kratosBrowserUrl, guard } = env();
    cached = { ...guard, appUrl, kratosPublicUrl, kratosBrowserUrl };
  }
  return cached;
}

// Percent-escapes and duplicate slashes must not let a protected page slip past the match.
function normalizePath(pathname: string): string {
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // A malformed escape is matched as it stands.
  }
  return decoded.replace(/\/{2,}/g, "/");
}

function underPrefix(path: string, prefix: string): boolean {
  return prefix === "/" || path === prefix || path.startsWith(`${prefix}/`);
}

/** Whether a request for `pathname` needs a session before it reaches the page. */
export function isProtectedPath(pathname: string, protectedRoutes: readonly string[]): boolean {
  const path = normalizePath(pathname);
  if (neverGuarded.some((prefix) => underPrefix(path, prefix))) return false;
  // Files (a last segment with an extension, e.g. public/robots.txt) are never pages.
  if (/\/[^/]*\.[A-Za-z0-9]+$/.test(path)) return false;
  return protectedRoutes.some((prefix) => underPrefix(path, prefix));
}

/** What Kratos said to `GET /sessions/whoami`, or that it did not say anything in time. */
export type WhoamiAnswer = { kind: "answered"; status: number; body: unknown } | { kind: "failed"; reason: string };

/** Asks Kratos whose session the browser's raw Cookie header carries, within `timeoutMs`. */
export async function askWhoami(
  cookie: string,
  config: Pick<GuardConfig, "kratosPublicUrl" | "timeoutMs">,
  fetchFn: typeof fetch = fetch,
): Promise<WhoamiAnswer> {
  try {
    // The guard's own, shorter timeout: a page waits on it.
    const response = await callKratosJson(config.kratosPublicUrl, "/sessions/whoami", {
      cookie,
      timeoutMs: config.timeoutMs,
      fetchFn,
    });
    return { kind: "answered", status: response.status, body: response.body };
  } catch (error) {
    if (!(error instanceof KratosUnavailableError)) throw error;
    const cause = error.cause;
    const name = cause instanceof Error ? cause.name : "";
    return {
      kind: "failed",
      reason: name === "TimeoutError" ? `no answer within ${config.timeoutMs} ms` : String(cause),
    };
  }
}

export type GuardDecision = { kind: "allow" } | { kind: "redirect"; location: string } | { kind: "unavailable" };

// Absolute: the proxy answers before Next, with the app's configured origin.
function loginLocation(pageUrl: URL, appUrl: URL, aal?: "aal2"): string {
  return new URL(loginFor(pageUrl, { aal, appUrl }), appUrl).toString();
}

// Kratos names where the second factor happens; it is followed only to the app or
// to Kratos itself. Its login URL carries no return_to from whoami, so the page's
// is added and the user comes back here after the second factor.
function secondFactorLocation(redirectTo: string, pageUrl: URL, config: GuardConfig): string {
  let target: URL | undefined;
  try {
    target = new URL(redirectTo);
  } catch {
    target = undefined;
  }
  if (target && [config.appUrl.origin, config.kratosBrowserUrl.origin].includes(target.origin)) {
    if (target.pathname.endsWith("/self-service/login/browser") && !target.searchParams.has("return_to")) {
      target.searchParams.set("return_to", pageUrl.toString());
    }
    return target.toString();
  }
  // No usable redirect: our own login page starts the same second-factor flow.
  return loginLocation(pageUrl, config.appUrl, "aal2");
}

/** Turns Kratos's whoami answer into what happens to the request for `pageUrl`. */
export function decide(answer: WhoamiAnswer, pageUrl: URL, config: GuardConfig): GuardDecision {
  if (answer.kind === "failed") return { kind: "unavailable" };
  const session = readWhoami(answer.status, answer.body);
  switch (session?.kind) {
    case "active":
      return { kind: "allow" };
    case "redirect":
      return { kind: "redirect", location: secondFactorLocation(session.location, pageUrl, config) };
    case "anonymous":
      return { kind: "redirect", location: loginLocation(pageUrl, config.appUrl) };
    case undefined:
      return { kind: "unavailable" };
  }
}

export type GuardedRequest = {
  /** The request's path, as the browser sent it. */
  pathname: string;
  /** The request's query, with its leading "?" (or ""). */
  search: string;
  /** The browser's raw Cookie header, forwarded to Kratos untouched. */
  cookie: string | null;
};

/**
 * The response that replaces the page when the request needs a session it
 * does not have, or when Kratos cannot tell; undefined lets the request through.
 */
export async function guardRequest(
  request: GuardedRequest,
  config: GuardConfig,
  options: { nonce?: string; fetchFn?: typeof fetch } = {},
): Promise<Response | undefined> {
  if (!isProtectedPath(request.pathname, config.protectedRoutes)) return undefined;
  // The absolute URL of the page on our own origin: the Host header is never trusted,
  // and setting the parts (not resolving a string) keeps "//host/…" paths on it too.
  const pageUrl = new URL(config.appUrl);
  pageUrl.pathname = request.pathname;
  pageUrl.search = request.search;
  // Without cookies there is no session to ask about.
  const answer: WhoamiAnswer = request.cookie
    ? await askWhoami(request.cookie, config, options.fetchFn)
    : { kind: "answered", status: 401, body: null };
  const decision = decide(answer, pageUrl, config);
  switch (decision.kind) {
    case "allow":
      return undefined;
    case "redirect":
      return seeOther(decision.location);
    case "unavailable":
      // Never the cookie or the body: only what went wrong.
      console.warn(
        `Route guard: Kratos whoami ${answer.kind === "failed" ? `failed (${answer.reason})` : `answered ${answer.status}`}`,
      );
      return unavailableResponse(request.pathname + request.search, options.nonce);
  }
}
