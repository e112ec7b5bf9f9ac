// Two instances of the app behind the proxy, round robin, sharing their
// rate-limit counters in Redis; each serves Prometheus metrics on a port of
// its own that the proxy never routes (deploy/proxy/Caddyfile).
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "../../fixtures/test";
import { requestThroughProxy } from "../../fixtures/proxy-client";
import { productionTarget } from "../../stack";
import { freeGuesses, guessPasswords, metricsUrls, perInstance } from "../../steps/instance-steps";

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
  const email = `guess-${randomUUID()}@example.test`;
  const before = await perInstance("rate_limit_decisions_total", { kind: "login", decision: "allowed" });
  const free = freeGuesses;
  const statuses = await guessPasswords(email, free + 1);
  expect(statuses.slice(0, free)).toEqual(Array(free).fill(303));
  expect(statuses[free]).toBe(429);
  // Both instances counted some of the guesses: neither alone saw ten, so only shared counters refuse the 11th.
  const after = await perInstance("rate_limit_decisions_total", { kind: "login", decision: "allowed" });
  const allowed = after.map((count, i) => count - before[i]!);
  expect(allowed.reduce((a, b) => a + b)).toBe(free);
  for (const count of allowed) expect(count, `allowed per instance: ${allowed.join(", ")}`).toBeGreaterThan(0);
  for (const count of allowed) expect(count).toBeLessThan(free);
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
