// Steps for the production topology's two instances, driven without a browser
// through the proxy, as a script (or an attacker) would: their metrics, and
// wrong-password guesses that the shared rate limiter counts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "../fixtures/test";
import { requestThroughProxy } from "../fixtures/proxy-client";
import { productionTarget } from "../stack";

const ports = productionTarget.ports;
/** Each instance's Prometheus endpoint (empty against a target deployment, which has no known ports). */
export const metricsUrls = ports
  ? [`http://127.0.0.1:${ports.metrics}/metrics`, `http://127.0.0.1:${ports.metrics + 1}/metrics`]
  : [];

/** The sum of a metric's samples whose labels contain every given `name="value"`. */
export async function metricSum(url: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(url)).text();
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  let sum = 0;
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (wanted.every((label) => line.includes(label))) sum += Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return sum;
}

/** One figure per instance. */
export const perInstance = (name: string, labels: Record<string, string> = {}) =>
  Promise.all(metricsUrls.map((url) => metricSum(url, name, labels)));

/** A real login flow and its CSRF cookie and token, as a browser (or a script) gets them through the proxy. */
export async function loginFlowThroughProxy(): Promise<{ id: string; cookie: string; csrfToken: string }> {
  const started = await requestThroughProxy(`${productionTarget.kratosPublicUrl}/self-service/login/browser`);
  expect(started.status).toBe(303);
  const location = new URL(String(started.headers.location));
  expect(location.origin).toBe(productionTarget.appUrl);
  const id = location.searchParams.get("flow")!;
  const cookie = ([] as string[])
    .concat(started.headers["set-cookie"] ?? [])
    .map((line) => line.split(";")[0])
    .join("; ");
  expect(cookie).toMatch(/^csrf_token_/);
  // The token is in the flow, which only our server reads (internal address); a
  // script gets it the same way from the UI's rendered form.
  const page = await requestThroughProxy(`${productionTarget.appUrl}/login?flow=${id}`, { headers: { cookie } });
  const csrfToken =
    page.body.match(/name="csrf_token"[^>]*value="([^"]+)"/)?.[1] ??
    page.body.match(/value="([^"]+)"[^>]*name="csrf_token"/)?.[1];
  expect(csrfToken, "the login page holds the flow's CSRF token").toBeTruthy();
  return { id, cookie, csrfToken: csrfToken! };
}

/** One wrong-password post: the status it got and the request id the instance that served it logged. */
export type Guess = { status: number; requestId: string };

/** RATE_LIMIT_PER_IDENTIFIER's default (10/5m): wrong answers allowed per address. */
export const freeGuesses = 10;

/**
 * Posts `count` wrong passwords for `email` through the proxy, each in a fresh
 * login flow, spread over both instances, and returns the statuses (303 for a
 * guess Kratos judged, 429 for one the limiter refused). Kratos answers
 * "invalid credentials" for an unknown address as for a wrong password: no account needed.
 */
export async function guessPasswords(email: string, count: number): Promise<Guess[]> {
  const guesses: Guess[] = [];
  for (let i = 0; i < count; i++) {
    const flow = await loginFlowThroughProxy();
    // That makes one request to the app; with it and the post alone, round robin would send
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
    guesses.push({ status: answer.status, requestId: String(answer.headers["x-request-id"]) });
  }
  return guesses;
}

/**
 * How many of `guesses` each instance served, read from the instances' own
 * logs by request id: other specs running at the same time do not count.
 */
export function servedBy(guesses: Guess[]): Record<string, number> {
  const ids = new Set(guesses.map((guess) => guess.requestId));
  return Object.fromEntries(
    stackProcesses().instances.map((instance) => [
      instance.name,
      instanceLog(instance.name).filter((line) => line.event === "request" && ids.has(String(line.request_id))).length,
    ]),
  );
}

export type StackProcesses = {
  ownRedis: boolean;
  redisPid?: number;
  instances: { name: string; port: number; pid: number }[];
};

/** What the stack wrote about its processes (scripts/production-stack.mjs). */
export function stackProcesses(): StackProcesses {
  return JSON.parse(readFileSync(join(productionTarget.stackDir, "instances.json"), "utf8")) as StackProcesses;
}

/** The JSON log lines an instance wrote (its stdout, in the stack's log folder). */
export function instanceLog(name: string): Record<string, unknown>[] {
  return readFileSync(join(productionTarget.stackDir, "logs", `${name}.log`), "utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
