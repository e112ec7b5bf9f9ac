// Two instances of the app behind the proxy, round robin, sharing their
// rate-limit counters in Redis; each serves Prometheus metrics on a port of
// its own that the proxy never routes (deploy/proxy/Caddyfile).
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "../../fixtures/test";
import { requestThroughProxy } from "../../fixtures/proxy-client";
import { productionTarget } from "../../stack";
import {
  freeGuesses,
  guessPasswords,
  instanceLog,
  metricsUrls,
  perInstance,
  servedBy,
  stackProcesses,
} from "../../steps/instance-steps";

// One file, in order: the Redis drill below freezes the counters the limit test shares.
test.describe.configure({ mode: "serial" });

test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== "production", "no browser involved: runs once, in the project with JavaScript");
  test.skip(!productionTarget.ports, "needs the instances' metrics ports, which only the suite's own topology has");
});

test("/metrics is not reachable through the proxy, and each instance serves it on its own port", async () => {
  for (const host of [productionTarget.appUrl, productionTarget.kratosPublicUrl]) {
    const answer = await requestThroughProxy(`${host}/metrics`);
    expect(answer.status, `${host}/metrics`).toBe(404);
    expect(answer.body).not.toContain("http_request_duration_seconds");
  }
  for (const url of metricsUrls) {
    const response = await fetch(url);
    expect(response.status).toBe(200);
    const text = await response.text();
    // Declared from the start; a labelled series appears only once observed (no Kratos call yet, say).
    for (const [name, type] of [
      ["http_request_duration_seconds", "histogram"],
      ["kratos_request_duration_seconds", "histogram"],
      ["http_server_errors_total", "counter"],
      ["rate_limit_decisions_total", "counter"],
      ["process_resident_memory_bytes", "gauge"],
    ]) {
      expect(text, `${url} has ${name}`).toContain(`# TYPE ${name} ${type}`);
    }
  }
});

test("the proxy sends requests to both instances in turn", async () => {
  const before = await perInstance("http_request_duration_seconds_count", { route: "/api/health" });
  for (let i = 0; i < 10; i++) {
    const answer = await requestThroughProxy(`${productionTarget.appUrl}/api/health`);
    expect(answer.status).toBe(200);
    // Our id, whatever the client sent: the one the log line and Kratos's log carry.
    expect(String(answer.headers["x-request-id"])).toMatch(/^[0-9a-f-]{36}$/);
  }
  const after = await perInstance("http_request_duration_seconds_count", { route: "/api/health" });
  const served = after.map((count, i) => count - before[i]!);
  expect(served.reduce((a, b) => a + b)).toBe(10);
  for (const count of served) expect(count).toBeGreaterThanOrEqual(3);
});

test("a limit reached through one instance holds on the other: the counters are in Redis", async () => {
  test.setTimeout(120_000);
  // Kratos answers "invalid credentials" for an unknown address as for a wrong password: no account needed.
  const guesses = await guessPasswords(`guess-${randomUUID()}@example.test`, freeGuesses + 1);
  const statuses = guesses.map((guess) => guess.status);
  expect(statuses.slice(0, freeGuesses)).toEqual(Array(freeGuesses).fill(303));
  expect(statuses[freeGuesses]).toBe(429);
  // Both instances took some of the ten guesses: neither alone saw ten, so only shared counters refuse the 11th.
  const served = Object.values(servedBy(guesses.slice(0, freeGuesses)));
  expect(served.reduce((a, b) => a + b)).toBe(freeGuesses);
  for (const count of served) expect(count, `served per instance: ${served.join(", ")}`).toBeGreaterThan(0);
  for (const count of served) expect(count).toBeLessThan(freeGuesses);
});

test("Kratos's web hooks are not found on the public name, even with the right key", async () => {
  const { webhook } = JSON.parse(readFileSync(join(productionTarget.stackDir, "secrets.json"), "utf8")) as {
    webhook: string;
  };
  const identity = { id: randomUUID(), traits: { email: "hook@example.com" }, verifiable_addresses: [] };
  for (const path of ["/internal/auth/user-created", "/internal/auth/user-verified"]) {
    const answer = await requestThroughProxy(`${productionTarget.appUrl}${path}`, {
      method: "POST",
      body: JSON.stringify({ identity }),
      headers: { "Content-Type": "application/json", "X-Webhook-Key": webhook },
    });
    expect(answer.status, path).toBe(404);
    expect(answer.body).not.toContain("success");
  }
});

// The drill for the shared counters: Redis stops answering mid-run, and comes
// back. The behaviour chosen (ARCHITECTURE.md, "When Redis does not answer")
// is to fail open to memory: each instance counts in its own memory, says so
// once in its log and counts every call it answered from memory; sign-in
// keeps working, readiness stays green, and counting returns to Redis with its
// first answer. Redis is frozen (SIGSTOP), not killed: its port still accepts
// connections and nothing answers, the harder case for a client (a refused
// connection is lib/http/rate-limit-redis.test.ts's drill against a
// redis-server it kills). Against a target deployment it is skipped: its Redis is not ours to stop.
const events = (name: string, event: string) => instanceLog(name).filter((line) => line.event === event);

test("Redis stops answering mid-run: each instance counts in memory and says so once, then returns to Redis", async () => {
  test.setTimeout(240_000);
  const { ownRedis, redisPid, instances } = stackProcesses();
  test.skip(!ownRedis || !redisPid, "the stack uses a Redis it did not start (REDIS_URL answered): not ours to stop");
  const names = instances.map((instance) => instance.name);
  const degradedBefore = names.map((name) => events(name, "rate_limit_store_degraded").length);
  const recoveredBefore = names.map((name) => events(name, "rate_limit_store_recovered").length);
  const fallbacksBefore = await perInstance("rate_limit_store_fallbacks_total");

  process.kill(redisPid!, "SIGSTOP");
  let outage: number[];
  try {
    // More wrong answers for one address than the shared budget allows.
    outage = (await guessPasswords(`outage-${randomUUID()}@example.test`, freeGuesses + 2)).map((g) => g.status);
    for (const instance of instances) {
      const ready = await fetch(`http://127.0.0.1:${instance.port}/api/health/ready`);
      expect(ready.status, `${instance.name} stays ready without Redis`).toBe(200);
    }
  } finally {
    process.kill(redisPid!, "SIGCONT");
  }

  // Every post was answered (Kratos judged it or the limiter refused it), none failed.
  expect(
    outage.every((status) => status === 303 || status === 429),
    outage.join(", "),
  ).toBe(true);
  // Each instance counted alone, with a budget of its own: together they let more through than one shared budget.
  expect(outage.filter((status) => status === 303).length).toBeGreaterThan(freeGuesses);
  const fallbacks = (await perInstance("rate_limit_store_fallbacks_total")).map((n, i) => n - fallbacksBefore[i]!);
  for (const [i, count] of fallbacks.entries()) expect(count, `${names[i]} answered from memory`).toBeGreaterThan(0);
  for (const [i, name] of names.entries()) {
    const degraded = events(name, "rate_limit_store_degraded").slice(degradedBefore[i]);
    // Once per outage, not once per request.
    expect(degraded, `${name} warned once`).toHaveLength(1);
    expect(degraded[0]).toMatchObject({ level: "warn" });
  }

  // Back: counting returns to Redis with the first call each instance makes.
  await expect
    .poll(
      async () => {
        await guessPasswords(`warm-up-${randomUUID()}@example.test`, 2);
        return names.map((name, i) => events(name, "rate_limit_store_recovered").length - recoveredBefore[i]!);
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toEqual(names.map(() => 1));
  const shared = (await guessPasswords(`after-${randomUUID()}@example.test`, freeGuesses + 1)).map((g) => g.status);
  expect(shared.slice(0, freeGuesses)).toEqual(Array(freeGuesses).fill(303));
  expect(shared[freeGuesses], "the shared budget holds again").toBe(429);
});
