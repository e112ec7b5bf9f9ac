// The proxy's session check for protected pages. Web APIs only (fetch, URL,
// AbortSignal, Response), so it runs unchanged on Node and on the edge runtime.
//
// It is an optimisation, not the security boundary: every page checks the
// session itself (see ARCHITECTURE.md, "Route guard and security headers").
import { env, EnvError } from "../config/env";
import { hasBrowserRedirect } from "../kratos/errors";
import { unavailableResponse } from "./status-page";

/** Pages guarded when PROTECTED_ROUTES is not set. */
export const defaultProtectedRoutes: readonly string[] = ["/settings", "/sessions", "/account"];

/** How long the guard waits for Kratos when GUARD_TIMEOUT_MS is not set. */
export const defaultGuardTimeoutMs = 3_000;

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

export type GuardSettings = {
  /** Path prefixes whose pages need a session, each matched on whole segments. */
  protectedRoutes: string[];
  /** How long to wait for Kratos's whoami before showing the "try again" page. */
  timeoutMs: number;
};

export type GuardConfig = GuardSettings & {
  appUrl: URL;
  /** Where this server reaches Kratos (whoami). */
  kratosPublicUrl: URL;
  /** Kratos as browsers reach it: a redirect Kratos asks for may point there. */
  kratosBrowserUrl: URL;
};

type Source = Record<string, string | undefined>;

/** Reads PROTECTED_ROUTES and GUARD_TIMEOUT_MS, naming every malformed value. */
export function parseGuardSettings(source: Source): GuardSettings {
  const problems: string[] = [];
  const protectedRoutes: string[] = [];
  const rawRoutes = source.PROTECTED_ROUTES?.trim() ? source.PROTECTED_ROUTES : defaultProtectedRoutes.join(",");
  for (const entry of rawRoutes.split(",").map((value) => value.trim())) {
    if (!entry) continue;
    if (!/^\/[^\s?#*\\]*$/.test(entry)) {
      problems.push(`PROTECTED_ROUTES entries must be paths such as /settings, got "${entry}"`);
      continue;
    }
    protectedRoutes.push(entry.length > 1 ? entry.replace(/\/+$/, "") || "/" : entry);
  }
  let timeoutMs = defaultGuardTimeoutMs;
  const rawTimeout = source.GUARD_TIMEOUT_MS?.trim();
  if (rawTimeout) {
    timeoutMs = Number(rawTimeout);
    if (!/^\d+$/.test(rawTimeout) || timeoutMs < 1 || timeoutMs > 60_000) {
      problems.push(`GUARD_TIMEOUT_MS must be a whole number of milliseconds from 1 to 60000, got "${rawTimeout}"`);
    }
  }
  if (problems.length > 0) throw new EnvError(problems);
  return { protectedRoutes, timeoutMs };
}

let cached: GuardConfig | undefined;

/** The guard's configuration, read once; throws EnvError naming every problem. */
export function guardConfig(): GuardConfig {
  if (!cached) {
    const { appUrl, kratosPublicUrl, kratosBrowserUrl } = env();
    cached = { ...parseGuardSettings(process.env), appUrl, kratosPublicUrl, kratosBrowserUrl };
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
    const response = await fetchFn(new URL("/sessions/whoami", config.kratosPublicUrl), {
      headers: { Accept: "application/json", Cookie: cookie },
      redirect: "manual",
      cache: "no-store",
      // Covers the body too: a Kratos that stalls mid-answer is as unavailable as a silent one.
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    return { kind: "answered", status: response.status, body };
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    return {
      kind: "failed",
      reason: name === "TimeoutError" ? `no answer within ${config.timeoutMs} ms` : String(error),
    };
  }
}

export type GuardDecision = { kind: "allow" } | { kind: "redirect"; location: string } | { kind: "unavailable" };

function loginLocation(pageUrl: URL, appUrl: URL, aal?: "aal2"): string {
  const login = new URL("/login", appUrl);
  if (aal) login.searchParams.set("aal", aal);
  login.searchParams.set("return_to", pageUrl.toString());
  return login.toString();
}

// Kratos names where the second factor happens; it is followed only to the app or
// to Kratos itself. Its login URL carries no return_to from whoami, so the page's
// is added and the user comes back here after the second factor.
function secondFactorLocation(body: unknown, pageUrl: URL, config: GuardConfig): string {
  if (hasBrowserRedirect(body)) {
    let target: URL | undefined;
    try {
      target = new URL(body.redirect_browser_to);
    } catch {
      target = undefined;
    }
    if (target && [config.appUrl.origin, config.kratosBrowserUrl.origin].includes(target.origin)) {
      if (target.pathname.endsWith("/self-service/login/browser") && !target.searchParams.has("return_to")) {
        target.searchParams.set("return_to", pageUrl.toString());
      }
      return target.toString();
    }
  }
  // No usable redirect: our own login page starts the same second-factor flow.
  return loginLocation(pageUrl, config.appUrl, "aal2");
}

/** Turns Kratos's whoami answer into what happens to the request for `pageUrl`. */
export function decide(answer: WhoamiAnswer, pageUrl: URL, config: GuardConfig): GuardDecision {
  if (answer.kind === "failed") return { kind: "unavailable" };
  const { status, body } = answer;
  if (status === 200) return { kind: "allow" };
  if (status === 403 && hasBrowserRedirect(body)) {
    return { kind: "redirect", location: secondFactorLocation(body, pageUrl, config) };
  }
  if (status === 401 || status === 403) return { kind: "redirect", location: loginLocation(pageUrl, config.appUrl) };
  return { kind: "unavailable" };
}

/** A 303, whose target the browser must load itself (Kratos sets cookies there). */
export function seeOtherResponse(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
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
      return seeOtherResponse(decision.location);
    case "unavailable":
      // Never the cookie or the body: only what went wrong.
      console.warn(
        `Route guard: Kratos whoami ${answer.kind === "failed" ? `failed (${answer.reason})` : `answered ${answer.status}`}`,
      );
      return unavailableResponse(request.pathname + request.search, options.nonce);
  }
}
