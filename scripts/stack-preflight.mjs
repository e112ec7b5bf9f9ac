// Start-up care shared by the stack scripts: every port is checked before
// anything starts, and readiness means our own service's health answer, never
// just any HTTP 200 (another program on the port would give one).
import { createServer } from "node:net";

/** Resolves to the error code when `port` on `host` cannot be bound (EADDRINUSE, EACCES), else undefined. */
function bindProblem(port, host) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", (error) => resolve(error.code ?? error.message));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

/**
 * Checks that every port can be bound, before anything starts, and throws one
 * error naming each port in use and the variable that moves it.
 * `wanted` is a list of { service, port, variable, host? }.
 */
export async function assertPortsFree(wanted) {
  const problems = [];
  for (const { service, port, variable, host = "127.0.0.1" } of wanted) {
    // A program listening on any address (0.0.0.0, ::1) blocks ours too.
    const code =
      (await bindProblem(port, host)) ?? (host === "0.0.0.0" ? undefined : await bindProblem(port, "0.0.0.0"));
    if (!code) continue;
    const why = code === "EADDRINUSE" ? "is in use by another program" : `cannot be opened (${code})`;
    const fix = variable ? `stop that program or choose another port with ${variable}=<port>` : "stop that program";
    problems.push(`port ${port} (${service}) ${why}: ${fix}`);
  }
  if (problems.length > 0) throw new Error(`cannot start:\n  ${problems.join("\n  ")}`);
}

/**
 * Polls `probe` (an async function returning true when the answer is our
 * service's own, or a string saying what came back) until it is true.
 */
export async function waitForOwnHealth(name, describe, probe, { timeoutMs, isStopping = () => false }) {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (isStopping()) return;
    try {
      const answer = await probe();
      if (answer === true) return;
      last = answer;
    } catch (error) {
      last = error.cause?.code ?? error.code ?? error.message;
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`${name} did not become healthy at ${describe} within ${timeoutMs / 1000} s (${last})`);
}

/** A probe: GET `url` and accept only a 200 whose body passes `isOurs`. */
export function httpProbe(url, isOurs) {
  return async () => {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000), redirect: "manual" });
    const body = await response.text();
    if (response.status !== 200) return `HTTP ${response.status}`;
    return isOurs(body, response) ? true : `HTTP 200 from something else: ${JSON.stringify(body.slice(0, 60))}`;
  };
}

/** Whether `body` is JSON whose fields include every field of `expected`. */
export function jsonHas(body, expected) {
  try {
    const parsed = JSON.parse(body);
    return Object.entries(expected).every(([key, value]) => parsed?.[key] === value);
  } catch {
    return false;
  }
}

/** The health answer only this app gives (app/api/health/route.ts). */
export const appHealth = { status: "ok", service: "kratos-selfservice-ui" };
