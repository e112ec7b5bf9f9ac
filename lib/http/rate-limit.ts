// Self-hosted Kratos has no rate limiting of its own, so the submission relay
// limits guessing itself. Three budgets (ARCHITECTURE.md "Rate limits"):
//
// - per client address: every post counts, before Kratos is asked. Made-up
//   flows, CSRF failures and floods cost the sender's address only.
// - per account and address, and per account: only Kratos's own wrong answers
//   (and mails sent) count, recorded after Kratos answered, for the account
//   Kratos actually checked (lib/http/attempt-target.ts). Past the free count,
//   each next attempt waits twice as long as the one before (Retry-After).
//   An address that signed into the account before is spared the account-wide
//   delay, so an attacker spread over many addresses cannot lock its owner out.
import "server-only";
import { createHash } from "node:crypto";
import type { FlowKind } from "../flows/load-flow";
import { env, type RateLimit, type RateLimitSettings } from "../config/env";
import { attemptOutcome, attemptTarget, type AttemptTarget } from "./attempt-target";
import { MemoryRateLimitStore, type Counter, type RateLimitStore } from "./rate-limit-store";
import { FallbackRateLimitStore, RedisRateLimitStore } from "./rate-limit-redis";
import { RedisConnection, parseRedisUrl } from "../redis/connection";
import { errorField, logEvent } from "../ops/log";
import { appMetrics } from "../ops/metrics";

export { MemoryRateLimitStore, type Counter, type RateLimitStore } from "./rate-limit-store";

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

/**
 * The address Kratos is told about (X-Forwarded-For, which it records on the
 * session's device): the one we determined, never the client's claimed list.
 */
export function requestClientAddress(request: Request): string | undefined {
  const address = clientAddress(request.headers.get("x-forwarded-for"), rateLimitSettings().trustedProxies);
  return address === "unknown" ? undefined : address;
}

function hash(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}

/** How long an address that signed into an account is remembered as its owner's. */
export const knownAddressMs = 30 * 24 * 3_600_000;

/**
 * Wrong answers are forgotten once none came for twice the window, so the
 * longest wait (one window) never wipes the count by itself.
 */
const retention = (limit: RateLimit) => 2 * limit.windowMs;

/**
 * How long the next attempt must wait after `counter` wrong answers: nothing
 * for the first `max`, then 1 s, 2 s, 4 s… after the last one, at most one window.
 */
export function waitMs(counter: Counter | undefined, limit: RateLimit, now: number): number {
  if (!counter || counter.count < limit.max) return 0;
  const delay = Math.min(limit.windowMs, 1_000 * 2 ** Math.min(counter.count - limit.max, 30));
  return Math.max(0, counter.lastAt + delay - now);
}

/** Allowed, with what to record once Kratos answered; or refused for a while. */
export type RateLimitDecision =
  | { allowed: true; record: (status: number, body: unknown, at?: number) => Promise<void> }
  | { allowed: false; retryAfterSeconds: number };

export type Attempt = {
  kind: FlowKind;
  forwardedFor: string | null;
  cookie: string | null;
  /** The urlencoded body exactly as it goes to Kratos. */
  body: string;
};

/**
 * Decides whether a post may reach Kratos. When allowed, call `record` with
 * Kratos's answer: only that answer, never the post itself, counts against
 * the account.
 */
export async function checkRateLimit(
  attempt: Attempt,
  settings: RateLimitSettings = rateLimitSettings(),
  store: RateLimitStore = rateLimitStore(),
  now = Date.now(),
  cookieName = sessionCookieName(),
): Promise<RateLimitDecision> {
  const client = hash(clientAddress(attempt.forwardedFor, settings.trustedProxies));
  const decisions = appMetrics().rateLimitDecisions;
  const refuse = (ms: number, budget: string): RateLimitDecision => {
    decisions.inc({ kind: attempt.kind, decision: `refused_${budget}` });
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) };
  };

  if (settings.perClient) {
    const posts = await store.hit(`${attempt.kind}:client:${client}`, settings.perClient.windowMs, now);
    if (posts.count > settings.perClient.max) return refuse(posts.resetAt - now, "client");
  }

  const target = attemptTarget(attempt.kind, attempt.body, attempt.cookie, cookieName);
  if (!target) {
    decisions.inc({ kind: attempt.kind, decision: "allowed" });
    return { allowed: true, record: async () => {} };
  }
  const keys = {
    pair: `${attempt.kind}:pair:${target.key}:${client}`,
    account: `${attempt.kind}:account:${target.key}`,
    // Shared by every flow kind: signing in proves the address for recovery too.
    known: `known:${target.key}:${client}`,
  };

  let wait = 0;
  let budget = "identifier";
  if (settings.perIdentifier) wait = waitMs(await store.peek(keys.pair, now), settings.perIdentifier, now);
  if (settings.perAccount && wait === 0) {
    const accountWait = waitMs(await store.peek(keys.account, now), settings.perAccount, now);
    if (accountWait > 0 && !(await store.peek(keys.known, now))) [wait, budget] = [accountWait, "account"];
  }
  if (wait > 0) return refuse(wait, budget);
  decisions.inc({ kind: attempt.kind, decision: "allowed" });
  return {
    allowed: true,
    record: (status, body, at = Date.now()) =>
      recordOutcome({ kind: attempt.kind, target, keys, settings, store, now: at }, status, body),
  };
}

type Recording = {
  kind: FlowKind;
  target: AttemptTarget;
  keys: { pair: string; account: string; known: string };
  settings: RateLimitSettings;
  store: RateLimitStore;
  now: number;
};

async function recordOutcome(
  { kind, target, keys, settings, store, now }: Recording,
  status: number,
  body: unknown,
): Promise<void> {
  const outcome = attemptOutcome(kind, status, body);
  const counted = target.counts === "mails" ? outcome === "mail-sent" : outcome === "wrong-answer";
  if (counted) {
    if (settings.perIdentifier) await store.hit(keys.pair, retention(settings.perIdentifier), now, true);
    if (settings.perAccount) await store.hit(keys.account, retention(settings.perAccount), now, true);
  } else if (outcome === "signed-in") {
    // The owner got in from here: this address keeps its own budget under an attack on the account.
    await store.clear(keys.pair);
    await store.hit(keys.known, knownAddressMs, now, true);
  }
}

// On globalThis: `next dev` re-evaluates modules when files change, which would
// otherwise forget every count.
const holder = globalThis as typeof globalThis & { rateLimitStore?: RateLimitStore };

/** The configured limits (lib/config/env.ts reads them at start-up with the rest). */
export function rateLimitSettings(): RateLimitSettings {
  return env().rateLimits;
}

function sessionCookieName(): string {
  return rateLimitSettings().sessionCookieName ?? env().sessionCookie.name;
}

/**
 * The store attempts are counted in: Redis at REDIS_URL, shared by every
 * instance, with this instance's memory while Redis does not answer; memory
 * alone without REDIS_URL; or one installed with setRateLimitStore.
 */
export function rateLimitStore(): RateLimitStore {
  holder.rateLimitStore ??= createRateLimitStore(env().redisUrl, rateLimitSettings().maxKeys);
  return holder.rateLimitStore;
}

function createRateLimitStore(redisUrl: string | undefined, maxKeys: number): RateLimitStore {
  const memory = new MemoryRateLimitStore(maxKeys);
  if (!redisUrl) return memory;
  const address = parseRedisUrl(redisUrl);
  const where = `${address.host}:${address.port}`;
  return new FallbackRateLimitStore(new RedisRateLimitStore(new RedisConnection(address)), memory, {
    // Once per outage and once per recovery, not per request: an outage under load must not flood the log.
    onDegraded: (error) =>
      logEvent("warn", "rate_limit_store_degraded", {
        redis: where,
        error: errorField(error),
        detail: "Redis does not answer; counting in this instance's memory until it does",
      }),
    onRecovered: () => logEvent("info", "rate_limit_store_recovered", { redis: where }),
    onFallback: () => appMetrics().rateLimitFallbacks.inc(),
  });
}

/** Installs a shared store (call it from instrumentation.ts before the first request). */
export function setRateLimitStore(store: RateLimitStore): void {
  holder.rateLimitStore = store;
}
