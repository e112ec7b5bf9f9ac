// Self-hosted Kratos has no rate limiting of its own, so our submission
// endpoints count attempts per client address and per identifier (the account
// an attempt is aimed at) and refuse with 429 once a window's budget is spent.
import "server-only";
import { createHash } from "node:crypto";
import { env, EnvError } from "../config/env";

/** A budget of `max` attempts per `windowMs`; undefined turns the limit off. */
export type RateLimit = { max: number; windowMs: number };

export type RateLimitSettings = {
  perClient?: RateLimit;
  perIdentifier?: RateLimit;
  /** How many reverse proxies in front of this app append to X-Forwarded-For. */
  trustedProxies: number;
  /** Kratos's session cookie name (KRATOS_SESSION_COOKIE_NAME). */
  sessionCookieName?: string;
};

/** One window's count for a key, and when that window ends (epoch ms). */
export type WindowCount = { count: number; resetAt: number };

/**
 * Where attempts are counted. The in-memory store serves one instance; several
 * instances behind a load balancer share one store (Redis INCR + PEXPIRE fits
 * `hit` exactly) and install it with setRateLimitStore at start-up.
 */
export interface RateLimitStore {
  /** Counts one attempt for `key` and answers the count in the current window. */
  hit(key: string, windowMs: number, now: number): Promise<WindowCount>;
}

/** Fixed windows in a Map, swept of ended windows so memory stays bounded. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, WindowCount>();

  constructor(private readonly maxKeys = 100_000) {}

  hit(key: string, windowMs: number, now: number): Promise<WindowCount> {
    let entry = this.windows.get(key);
    if (!entry || entry.resetAt <= now) {
      if (entry) this.windows.delete(key);
      if (this.windows.size >= this.maxKeys) this.sweep(now);
      entry = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, entry);
    }
    entry.count += 1;
    return Promise.resolve({ ...entry });
  }

  /** How many keys are held: for tests and diagnostics. */
  get size(): number {
    return this.windows.size;
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.windows) if (entry.resetAt <= now) this.windows.delete(key);
    // Still full (a flood of distinct keys): drop the oldest windows first.
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}

/** Limits used when RATE_LIMIT_PER_CLIENT / RATE_LIMIT_PER_IDENTIFIER are not set. */
export const defaultRateLimits = {
  perClient: { max: 60, windowMs: 60_000 },
  perIdentifier: { max: 10, windowMs: 5 * 60_000 },
} as const satisfies Record<string, RateLimit>;

const units: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000 };

function parseLimit(name: string, raw: string | undefined, fallback: RateLimit, problems: string[]) {
  const value = raw?.trim();
  if (!value) return fallback;
  if (value === "off") return undefined;
  const match = /^(\d+)\/(\d+)?(s|m|h)$/.exec(value);
  const max = Number(match?.[1]);
  const windowMs = Number(match?.[2] ?? 1) * (units[match?.[3] ?? ""] ?? 0);
  if (!match || max < 1 || windowMs < 1_000 || windowMs > 24 * 3_600_000) {
    problems.push(
      `${name} must be "off" or attempts per window such as 10/5m (s, m or h, at most 24h), got "${value}"`,
    );
    return fallback;
  }
  return { max, windowMs };
}

type Source = Record<string, string | undefined>;

/** Reads RATE_LIMIT_PER_CLIENT, RATE_LIMIT_PER_IDENTIFIER and TRUSTED_PROXIES. */
export function parseRateLimitSettings(source: Source): RateLimitSettings {
  const problems: string[] = [];
  const perClient = parseLimit(
    "RATE_LIMIT_PER_CLIENT",
    source.RATE_LIMIT_PER_CLIENT,
    defaultRateLimits.perClient,
    problems,
  );
  const perIdentifier = parseLimit(
    "RATE_LIMIT_PER_IDENTIFIER",
    source.RATE_LIMIT_PER_IDENTIFIER,
    defaultRateLimits.perIdentifier,
    problems,
  );
  const rawProxies = source.TRUSTED_PROXIES?.trim() || "0";
  const trustedProxies = Number(rawProxies);
  if (!/^\d+$/.test(rawProxies) || trustedProxies > 10) {
    problems.push(
      `TRUSTED_PROXIES must be the number of reverse proxies in front of the app (0 to 10), got "${rawProxies}"`,
    );
  }
  if (problems.length > 0) throw new EnvError(problems);
  return { perClient, perIdentifier, trustedProxies };
}

/**
 * The client's address. Next puts the socket's peer in X-Forwarded-For only when
 * the request has none, and each proxy appends the peer it saw: with N trusted
 * proxies the Nth entry from the right is the one a client cannot forge.
 */
export function clientAddress(forwardedFor: string | null, trustedProxies: number): string {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const index = entries.length - Math.max(trustedProxies, 1);
  return entries[Math.max(index, 0)] ?? "unknown";
}

// The fields that name the account an attempt is aimed at, by flow.
const identifierFields = ["identifier", "email", "traits.email", "traits.username", "traits.phone"];

function sessionCookie(cookieHeader: string | null, cookieName: string): string | undefined {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === cookieName) return value.join("=");
  }
  return undefined;
}

/**
 * What an attempt is aimed at: the identifier typed into the form, or, when
 * `bySession` (the second-factor login, whose codes are worth guessing), the
 * session it runs in. Hashed, so the store never holds an address or a token.
 */
export function attemptTarget(
  form: URLSearchParams,
  cookieHeader: string | null,
  options: { bySession: boolean; cookieName?: string },
): string | undefined {
  for (const field of identifierFields) {
    const value = form.get(field)?.trim().toLowerCase();
    if (value) return `id:${hash(value)}`;
  }
  if (!options.bySession) return undefined;
  const session = sessionCookie(cookieHeader, options.cookieName ?? "ory_kratos_session");
  return session ? `session:${hash(session)}` : undefined;
}

function hash(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}

/** Allowed, or refused with the seconds until the spent window ends. */
export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export type Attempt = {
  /** The endpoint's name, so that each endpoint has its own budget. */
  scope: string;
  forwardedFor: string | null;
  cookie: string | null;
  form: URLSearchParams;
  /** Count forms without an identifier against their session (see attemptTarget). */
  bySession: boolean;
};

/** Counts one attempt against both limits; the later-ending refusal wins. */
export async function checkRateLimit(
  attempt: Attempt,
  settings: RateLimitSettings = rateLimitSettings(),
  store: RateLimitStore = rateLimitStore(),
  now = Date.now(),
): Promise<RateLimitDecision> {
  const checks: [RateLimit, string][] = [];
  if (settings.perClient) {
    checks.push([settings.perClient, `client:${hash(clientAddress(attempt.forwardedFor, settings.trustedProxies))}`]);
  }
  const target = settings.perIdentifier
    ? attemptTarget(attempt.form, attempt.cookie, {
        bySession: attempt.bySession,
        cookieName: settings.sessionCookieName,
      })
    : undefined;
  if (settings.perIdentifier && target) checks.push([settings.perIdentifier, target]);
  let retryAfterMs = 0;
  for (const [limit, key] of checks) {
    const window = await store.hit(`${attempt.scope}:${key}`, limit.windowMs, now);
    if (window.count > limit.max) retryAfterMs = Math.max(retryAfterMs, window.resetAt - now);
  }
  return retryAfterMs > 0
    ? { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) }
    : { allowed: true };
}

let settingsCache: RateLimitSettings | undefined;

// On globalThis: `next dev` re-evaluates modules when files change, which would
// otherwise forget every count.
const holder = globalThis as typeof globalThis & { rateLimitStore?: RateLimitStore };

/** The configured limits, read once; throws EnvError naming every problem. */
export function rateLimitSettings(): RateLimitSettings {
  settingsCache ??= { ...parseRateLimitSettings(process.env), sessionCookieName: env().sessionCookie.name };
  return settingsCache;
}

/** The store attempts are counted in: in memory unless one was installed. */
export function rateLimitStore(): RateLimitStore {
  holder.rateLimitStore ??= new MemoryRateLimitStore();
  return holder.rateLimitStore;
}

/** Installs a shared store (call it from instrumentation.ts before the first request). */
export function setRateLimitStore(store: RateLimitStore): void {
  holder.rateLimitStore = store;
}
