// Two instances of the app behind the proxy, round robin, sharing their
// rate-limit counters in Redis; each serves Prometheus metrics on a port of
// its own that the proxy never routes (deploy/proxy/Caddyfile).
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "../../fixtures/test";
import { requestThroughProxy } from "../../fixtures/proxy-client";
import { productionTarget } from "../../stack";

const ports = productionTarget.ports;
const metricsUrls = ports
  ? [`http://127.0.0.1:${ports.metrics}/metrics`, `http://127.0.0.1:${ports.metrics + 1}/metrics`]
  : [];

test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== "production", "no browser involved: runs once, in the project with JavaScript");
  test.skip(!ports, "needs the instances' metrics ports, which only the suite's own topology has");
});

/** The sum of a metric's samples whose labels contain every given `name="value"`. */
async function metricSum(url: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(url)).text();
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  let sum = 0;
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (wanted.every((label) => line.includes(label))) sum += Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return sum;
}

const perInstance = (name: string, labels: Record<string, string>) =>
  Promise.all(metricsUrls.map((url) => metricSum(url, name, labels)));

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

/** A login flow started through the proxy, with its CSRF cookie and token (as in kratos-allow-list.spec.ts). */
async function loginFlow(): Promise<{ id: string; cookie: string; csrfToken: string }> {
  const started = await requestThroughProxy(`${productionTarget.kratosPublicUrl}/self-service/login/browser`);
  const id = new URL(String(started.headers.location)).searchParams.get("flow")!;
  const cookie = ([] as string[])
    .concat(started.headers["set-cookie"] ?? [])
    .map((line) => line.split(";")[0])
    .join("; ");
  const page = await requestThroughProxy(`${productionTarget.appUrl}/login?flow=${id}`, { headers: { cookie } });
  const csrfToken =
    page.body.match(/name="csrf_token"[^>]*value="([^"]+)"/)?.[1] ??
    page.body.match(/value="([^"]+)"[^>]*name="csrf_token"/)?.[1];
  expect(csrfToken, "the login page holds the flow's CSRF token").toBeTruthy();
  return { id, cookie, csrfToken: csrfToken! };
}

test("a limit reached through one instance holds on the other: the counters are in Redis", async () => {
  test.setTimeout(120_000);
  // Kratos answers "invalid credentials" for an unknown address as for a wrong password: no account needed.
  const email = `guess-${randomUUID()}@example.test`;
  const before = await perInstance("rate_limit_decisions_total", { kind: "login", decision: "allowed" });
  const free = 10; // RATE_LIMIT_PER_IDENTIFIER's default, 10/5m
  const statuses: number[] = [];
  for (let i = 0; i <= free; i++) {
    const flow = await loginFlow();
    // loginFlow makes one request to the app; with it and the post alone, round robin would send
    // every post to the same instance. One more request every other time alternates them.
    if (i % 2 === 1) await requestThroughProxy(`${productionTarget.appUrl}/api/health`);
    const answer = await requestThroughProxy(`${productionTarget.appUrl}/self-service/login?flow=${flow.id}`, {
      method: "POST",
      body: new URLSearchParams({
        csrf_token: flow.csrfToken,
        method: "password",
        identifier: email,
        password: `wrong-${i}`,
      }).toString(),
      headers: {
        cookie: flow.cookie,
        origin: productionTarget.appUrl,
        "content-type": "application/x-www-form-urlencoded",
      },
    });
    statuses.push(answer.status);
  }
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
