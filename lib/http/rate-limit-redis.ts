// The rate limiter's counters in Redis, shared by every instance (REDIS_URL),
// and what happens when Redis does not answer: each instance counts in its own
// memory until Redis is back (ARCHITECTURE.md "Rate limits", "When Redis does
// not answer"). Pure (no server imports), so tests drive it against a real Redis.
import type { RedisConnection } from "../redis/connection";
import { type RedisReply } from "../redis/connection";
import type { Counter, RateLimitStore } from "./rate-limit-store";

// One round trip per method. A counter is a hash {c: count, l: last event's
// time}; its time to live is the window, set on the first event (fixed) or on
// every event (sliding). resetAt is the caller's `now` plus what is left of
// the TTL, so instances agree on when a key is forgotten whatever their clocks.
const hitScript = `
local c = redis.call('HINCRBY', KEYS[1], 'c', 1)
redis.call('HSET', KEYS[1], 'l', ARGV[1])
if c == 1 or ARGV[3] == '1' then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return {c, redis.call('PTTL', KEYS[1])}`;

const peekScript = `
local v = redis.call('HMGET', KEYS[1], 'c', 'l')
if not v[1] then return nil end
return {tonumber(v[1]), tonumber(v[2]), redis.call('PTTL', KEYS[1])}`;

/** Where the limiter's keys live in a Redis that may hold other things. */
export const redisKeyPrefix = "kratos-selfservice-ui:rate-limit:";

function numbers(reply: RedisReply, length: number): number[] {
  if (!Array.isArray(reply) || reply.length !== length || reply.some((item) => typeof item !== "number")) {
    throw new Error(`unexpected reply from Redis: ${JSON.stringify(reply)}`);
  }
  return reply as number[];
}

/** Counters in Redis; every method is one EVAL or DEL. Errors reach the caller. */
export class RedisRateLimitStore implements RateLimitStore {
  constructor(readonly connection: RedisConnection) {}

  async hit(key: string, windowMs: number, now: number, sliding = false): Promise<Counter> {
    const reply = await this.connection.command([
      "EVAL",
      hitScript,
      1,
      redisKeyPrefix + key,
      now,
      Math.max(1, Math.round(windowMs)),
      sliding ? 1 : 0,
    ]);
    const [count = 0, ttl = 0] = numbers(reply, 2);
    return { count, lastAt: now, resetAt: now + Math.max(ttl, 0) };
  }

  async peek(key: string, now: number): Promise<Counter | undefined> {
    const reply = await this.connection.command(["EVAL", peekScript, 1, redisKeyPrefix + key]);
    if (reply === null) return undefined;
    const [count = 0, lastAt = 0, ttl = -2] = numbers(reply, 3);
    if (ttl === -2) return undefined;
    return { count, lastAt, resetAt: now + Math.max(ttl, 0) };
  }

  async clear(key: string): Promise<void> {
    await this.connection.command(["DEL", redisKeyPrefix + key]);
  }
}

/** What the fallback store reports: for logs and the metrics. */
export type StoreEvents = {
  /** Redis stopped answering; counting moved to this instance's memory. */
  onDegraded?: (error: unknown) => void;
  /** Redis answered again; counting moved back. */
  onRecovered?: () => void;
  /** Each call answered by the fallback while degraded. */
  onFallback?: () => void;
};

/**
 * Asks `primary` (Redis) first and, when it fails, answers from `fallback`
 * (this instance's memory). Each call tries Redis again, which costs nothing
 * while it is down (the connection refuses at once between reconnection
 * attempts), so counting returns to Redis with the first answer it gives.
 * Counts made in memory during an outage are not copied to Redis: they are
 * per-instance budgets that lapse on their own.
 */
export class FallbackRateLimitStore implements RateLimitStore {
  private degraded = false;

  constructor(
    readonly primary: RateLimitStore,
    readonly fallback: RateLimitStore,
    private readonly events: StoreEvents = {},
  ) {}

  /** Whether the last call was answered from memory. */
  get isDegraded(): boolean {
    return this.degraded;
  }

  hit(key: string, windowMs: number, now: number, sliding?: boolean): Promise<Counter> {
    return this.either((store) => store.hit(key, windowMs, now, sliding));
  }

  peek(key: string, now: number): Promise<Counter | undefined> {
    return this.either((store) => store.peek(key, now));
  }

  clear(key: string): Promise<void> {
    return this.either((store) => store.clear(key));
  }

  private async either<T>(call: (store: RateLimitStore) => Promise<T>): Promise<T> {
    try {
      const result = await call(this.primary);
      if (this.degraded) {
        this.degraded = false;
        this.events.onRecovered?.();
      }
      return result;
    } catch (error) {
      if (!this.degraded) {
        this.degraded = true;
        this.events.onDegraded?.(error);
      }
      this.events.onFallback?.();
      return call(this.fallback);
    }
  }
}
