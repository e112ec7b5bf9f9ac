// Self-hosted Kratos has no rate limiting of its own, so our submission
// endpoints count attempts per client address and per identifier (the account
// an attempt is aimed at) and refuse with 429 once a window's budget is spent.
import "server-only";
import { createHash } from "node:crypto";
import { env, type RateLimit, type RateLimitSettings } from "../config/env";

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

// On globalThis: `next dev` re-evaluates modules when files change, which would
// otherwise forget every count.
const holder = globalThis as typeof globalThis & { rateLimitStore?: RateLimitStore };

/** The configured limits (read with the rest of the environment, lib/config/env.ts). */
export function rateLimitSettings(): RateLimitSettings {
  return env().rateLimits;
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
