// The drill for the instances' shared counters: Redis stops answering in the
// middle of a run, and comes back. The behaviour chosen (ARCHITECTURE.md,
// "When Redis does not answer") is to fail open to memory: each instance goes
// on counting in its own memory, says so once in its log and counts every
// call it answered from memory; sign-in keeps working, readiness stays green,
// and counting returns to Redis with its first answer.
//
// Redis is frozen (SIGSTOP), not killed: its port still accepts connections
// and nothing answers, the harder case for a client (a refused connection is
// lib/http/rate-limit-redis.test.ts's drill against a redis-server it kills).
import { randomUUID } from "node:crypto";
import { expect, test } from "../../fixtures/test";
import { productionTarget } from "../../stack";
import { freeGuesses, guessPasswords, instanceLog, perInstance, stackProcesses } from "../../steps/instance-steps";

test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== "production", "no browser involved: runs once, in the project with JavaScript");
  test.skip(!productionTarget.ports, "freezes the suite's own Redis, which a target deployment does not let us do");
});

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
    outage = await guessPasswords(`outage-${randomUUID()}@example.test`, freeGuesses + 2);
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
  const shared = await guessPasswords(`after-${randomUUID()}@example.test`, freeGuesses + 1);
  expect(shared.slice(0, freeGuesses)).toEqual(Array(freeGuesses).fill(303));
  expect(shared[freeGuesses], "the shared budget holds again").toBe(429);
});
