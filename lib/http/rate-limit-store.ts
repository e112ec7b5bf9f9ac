// Where the rate limiter keeps its counters. Pure (no server imports), so the
// bench (bench/rate-limit-store.mjs) drives the very code the app runs.

/** A counter for one key: how many events, the last one's time and when it is forgotten (epoch ms). */
export type Counter = { count: number; lastAt: number; resetAt: number };

/**
 * The limiter's storage. The in-memory store serves one instance; several
 * instances behind a load balancer share one store and install it with
 * setRateLimitStore at start-up. Each method maps onto one Redis round trip
 * (INCR + PEXPIRE and a SET of the last time in a MULTI; GET; DEL).
 */
export interface RateLimitStore {
  /**
   * Counts one event for `key`. A fixed window (`sliding` false) is forgotten
   * `windowMs` after its first event; a sliding one `windowMs` after its last.
   */
  hit(key: string, windowMs: number, now: number, sliding?: boolean): Promise<Counter>;
  /** The counter for `key`, if one is held and not yet forgotten. */
  peek(key: string, now: number): Promise<Counter | undefined>;
  /** Forgets `key`. */
  clear(key: string): Promise<void>;
}

type Entry = Counter & { key: string; older?: Entry; newer?: Entry };

/**
 * Counters in a Map for lookup, threaded on a doubly linked list from least to
 * most recently used. A use moves the entry to the newest end; making room
 * unlinks the oldest. Both are a few pointer writes: O(1) whatever the size,
 * so a flood of new keys costs the same per check at 1 and at 1 000 000 keys.
 * (Deleting a Map's first key instead looks O(1) but is not in V8: the deleted
 * slots stay at the front of its table until a rehash, and finding the first
 * key walks over them; the bench showed 5× growth.)
 */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly entries = new Map<string, Entry>();
  private oldest: Entry | undefined;
  private newest: Entry | undefined;

  constructor(readonly maxKeys = 200_000) {}

  hit(key: string, windowMs: number, now: number, sliding = false): Promise<Counter> {
    let entry = this.entries.get(key);
    if (entry && entry.resetAt <= now) {
      this.remove(entry);
      entry = undefined;
    }
    if (entry) this.unlink(entry);
    else {
      while (this.entries.size >= this.maxKeys && this.oldest) this.remove(this.oldest);
      entry = { key, count: 0, lastAt: now, resetAt: now + windowMs };
      this.entries.set(key, entry);
    }
    this.linkNewest(entry);
    entry.count += 1;
    entry.lastAt = now;
    if (sliding) entry.resetAt = now + windowMs;
    // A couple of expired entries at the old end go with each call, so idle keys leave without a sweep.
    for (let dropped = 0; dropped < 2 && this.oldest && this.oldest.resetAt <= now; dropped++) this.remove(this.oldest);
    return Promise.resolve(counterOf(entry));
  }

  peek(key: string, now: number): Promise<Counter | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return Promise.resolve(undefined);
    if (entry.resetAt <= now) {
      this.remove(entry);
      return Promise.resolve(undefined);
    }
    return Promise.resolve(counterOf(entry));
  }

  clear(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (entry) this.remove(entry);
    return Promise.resolve();
  }

  /** How many keys are held: for tests, the bench and diagnostics. */
  get size(): number {
    return this.entries.size;
  }

  private remove(entry: Entry): void {
    this.unlink(entry);
    this.entries.delete(entry.key);
  }

  private unlink(entry: Entry): void {
    if (entry.older) entry.older.newer = entry.newer;
    else this.oldest = entry.newer;
    if (entry.newer) entry.newer.older = entry.older;
    else this.newest = entry.older;
    entry.older = entry.newer = undefined;
  }

  private linkNewest(entry: Entry): void {
    entry.older = this.newest;
    if (this.newest) this.newest.newer = entry;
    else this.oldest = entry;
    this.newest = entry;
  }
}

function counterOf(entry: Entry): Counter {
  return { count: entry.count, lastAt: entry.lastAt, resetAt: entry.resetAt };
}
