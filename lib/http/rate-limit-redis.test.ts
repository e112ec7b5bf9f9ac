// Against real Redis servers: the machine's Redis 7 at 127.0.0.1:6379 (REDIS_TEST_URL
// moves it) for the store, and a redis-server of the test's own on a free port for
// the stop, freeze and restart drills.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RateLimitSettings } from "../config/env";
import { RedisConnection, RedisUnavailableError, encodeCommand, parseRedisUrl, parseReply } from "../redis/connection";
import { checkRateLimit } from "./rate-limit";
import { FallbackRateLimitStore, RedisRateLimitStore, redisKeyPrefix } from "./rate-limit-redis";
import { MemoryRateLimitStore } from "./rate-limit-store";

const sharedUrl = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";
const connections: RedisConnection[] = [];
function connection(url = sharedUrl, options = {}) {
  const made = new RedisConnection(parseRedisUrl(url), options);
  connections.push(made);
  return made;
}
afterAll(() => connections.forEach((made) => made.close()));

const key = () => `test:${randomUUID()}`;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe("RESP", () => {
  it("encodes commands as arrays of bulk strings and parses every reply type", () => {
    expect(encodeCommand(["GET", "ké"]).toString()).toBe("*2\r\n$3\r\nGET\r\n$3\r\nké\r\n");
    const reply = Buffer.from("*4\r\n:12\r\n$-1\r\n+OK\r\n$5\r\nhello\r\n");
    expect(parseReply(reply)).toEqual({ value: [12, null, "OK", "hello"], end: reply.length });
    expect(parseReply(reply.subarray(0, reply.length - 3))).toBeUndefined();
    expect(parseReply(Buffer.from("-ERR wrong\r\n"))?.value).toMatchObject({ name: "RedisReplyError" });
  });

  it("reads redis:// and rediss:// URLs with credentials and a database", () => {
    expect(parseRedisUrl("rediss://user:p%40ss@cache.internal:6380/3")).toEqual({
      host: "cache.internal",
      port: 6380,
      tls: true,
      username: "user",
      password: "p@ss",
      db: 3,
    });
    expect(() => parseRedisUrl("http://cache")).toThrow();
  });
});

describe("RedisRateLimitStore", () => {
  it("counts a fixed window from its first event, and a sliding one from its last", async () => {
    const store = new RedisRateLimitStore(connection());
    const fixed = key();
    const now = Date.now();
    expect(await store.hit(fixed, 60_000, now)).toMatchObject({ count: 1, lastAt: now });
    await sleep(300);
    const second = await store.hit(fixed, 60_000, Date.now());
    expect(second.count).toBe(2);
    // Fixed: the second event does not push the reset back.
    // (Within the latency of the first call, which Redis ran a moment after `now`.)
    expect(second.resetAt).toBeLessThanOrEqual(now + 60_000 + 250);
    expect(second.resetAt).toBeGreaterThan(now + 59_000);

    const sliding = key();
    await store.hit(sliding, 1_000, now, true);
    const later = await store.hit(sliding, 60_000, now + 10, true);
    expect(later.resetAt).toBeGreaterThan(now + 59_000);
    expect(await store.peek(sliding, now + 20)).toMatchObject({ count: 2, lastAt: now + 10 });
  });

  it("forgets a key when its window ends, and on clear", async () => {
    const store = new RedisRateLimitStore(connection());
    const short = key();
    await store.hit(short, 200, Date.now());
    expect(await store.peek(short, Date.now())).toMatchObject({ count: 1 });
    await sleep(300);
    expect(await store.peek(short, Date.now())).toBeUndefined();

    const cleared = key();
    await store.hit(cleared, 60_000, Date.now());
    await store.clear(cleared);
    expect(await store.peek(cleared, Date.now())).toBeUndefined();
  });

  it("keeps its keys under its prefix with a time to live, never without one", async () => {
    const redis = connection();
    const name = key();
    await new RedisRateLimitStore(redis).hit(name, 60_000, Date.now());
    const ttl = await redis.command(["PTTL", redisKeyPrefix + name]);
    expect(ttl).toBeGreaterThan(59_000);
  });

  it("counts every hit of many instances racing on one key", async () => {
    const a = new RedisRateLimitStore(connection());
    const b = new RedisRateLimitStore(connection());
    const name = key();
    await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).hit(name, 60_000, Date.now())));
    expect(await a.peek(name, Date.now())).toMatchObject({ count: 200 });
  });
});

describe("several instances sharing Redis", () => {
  const settings: RateLimitSettings = {
    perClient: { max: 50, windowMs: 60_000 },
    perIdentifier: { max: 3, windowMs: 300_000 },
    perAccount: { max: 5, windowMs: 3_600_000 },
    trustedProxies: 0,
    maxKeys: 10_000,
  };
  const wrongPassword = { id: "f", ui: { messages: [{ id: 4000006, type: "error", text: "invalid" }], nodes: [] } };

  it("a limit reached through instance A holds on instance B, and not with memory alone", async () => {
    const email = `${randomUUID()}@example.com`;
    const attempt = {
      kind: "login" as const,
      forwardedFor: "203.0.113.9",
      cookie: null,
      body: new URLSearchParams({ method: "password", identifier: email, password: "x" }).toString(),
    };
    const instanceA = new RedisRateLimitStore(connection());
    const instanceB = new RedisRateLimitStore(connection());
    const now = Date.now();
    for (let i = 0; i < 3; i++) {
      const decision = await checkRateLimit(attempt, settings, instanceA, now + i, "ory_kratos_session");
      expect(decision.allowed).toBe(true);
      if (decision.allowed) await decision.record(200, wrongPassword, now + i);
    }
    const onB = await checkRateLimit(attempt, settings, instanceB, now + 10, "ory_kratos_session");
    expect(onB).toEqual({ allowed: false, retryAfterSeconds: 1 });
    // The same sequence with a memory store per instance lets B through: what Redis is for.
    const memoryA = new MemoryRateLimitStore();
    for (let i = 0; i < 3; i++) {
      const decision = await checkRateLimit(attempt, settings, memoryA, now + i, "ory_kratos_session");
      if (decision.allowed) await decision.record(200, wrongPassword, now + i);
    }
    const memoryB = await checkRateLimit(attempt, settings, new MemoryRateLimitStore(), now + 10, "ory_kratos_session");
    expect(memoryB.allowed).toBe(true);
  });
});

// A redis-server of this test's own, so stopping it disturbs nobody.
async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
    server.on("error", fail);
  });
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: "ignore",
    },
  );
  const probe = new RedisConnection(parseRedisUrl(`redis://127.0.0.1:${port}`), { retryAfterMs: 0 });
  try {
    for (let i = 0; i < 100; i++) {
      try {
        if ((await probe.command(["PING"])) === "PONG") return child;
      } catch {
        await sleep(50);
      }
    }
  } finally {
    probe.close();
  }
  child.kill("SIGKILL");
  throw new Error(`redis-server did not start on ${port}`);
}

async function stopRedis(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once("exit", done));
  child.kill("SIGKILL");
  await exited;
}

describe("when Redis stops answering (own redis-server)", () => {
  let port = 0;
  let redis: ChildProcess | undefined;
  beforeAll(async () => {
    port = await freePort();
  });
  afterEach(async () => {
    if (redis) {
      redis.kill("SIGCONT");
      await stopRedis(redis);
    }
    redis = undefined;
  });

  function fallbackStore() {
    const events: string[] = [];
    const redisStore = new RedisRateLimitStore(
      connection(`redis://127.0.0.1:${port}`, { commandTimeoutMs: 200, retryAfterMs: 100 }),
    );
    const store = new FallbackRateLimitStore(redisStore, new MemoryRateLimitStore(), {
      onDegraded: () => events.push("degraded"),
      onRecovered: () => events.push("recovered"),
    });
    return { store, redisStore, events };
  }

  it("counts in memory while Redis is down, says so once, and returns to Redis when it is back", async () => {
    redis = await startRedis(port);
    const { store, redisStore, events } = fallbackStore();
    const name = key();
    expect((await store.hit(name, 60_000, Date.now())).count).toBe(1);
    expect(store.isDegraded).toBe(false);

    await stopRedis(redis);
    // Fails open to this instance's memory: still counting, never waiting on Redis.
    const started = Date.now();
    for (let i = 1; i <= 5; i++) expect((await store.hit(name, 60_000, Date.now())).count).toBe(i);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(store.isDegraded).toBe(true);
    expect(events).toEqual(["degraded"]);
    await expect(redisStore.peek(name, Date.now())).rejects.toBeInstanceOf(RedisUnavailableError);

    redis = await startRedis(port);
    await sleep(150);
    // The first answer from the new Redis ends the outage: counts start again there.
    expect((await store.hit(name, 60_000, Date.now())).count).toBe(1);
    expect(store.isDegraded).toBe(false);
    expect(events).toEqual(["degraded", "recovered"]);
    expect(await redisStore.peek(name, Date.now())).toMatchObject({ count: 1 });
  });

  it("does not let a frozen Redis hold a request longer than the command deadline", async () => {
    redis = await startRedis(port);
    const { store, events } = fallbackStore();
    const name = key();
    await store.hit(name, 60_000, Date.now());
    redis.kill("SIGSTOP");
    const started = Date.now();
    expect((await store.hit(name, 60_000, Date.now())).count).toBe(1);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(190);
    expect(took).toBeLessThan(1_000);
    expect(events).toEqual(["degraded"]);
    redis.kill("SIGCONT");
    await sleep(150);
    // The frozen hit was counted in memory, and Redis ran it too once thawed (it had
    // the bytes): a command that timed out may still count, never the other way round.
    expect((await store.hit(name, 60_000, Date.now())).count).toBe(3);
    expect(events).toEqual(["degraded", "recovered"]);
  });
});
