// One JSON log line and one histogram observation per request, for every
// request the server answers (pages, relays, files), from Node's own HTTP
// diagnostics channels: no wrapper around Next's server, nothing to keep in
// step with its internals.
//
// What a line holds is chosen, never copied from the request: method, path
// without its query (a query may carry a return_to with a token in it, a code
// or a flow id; the path of our routes never does), route pattern, status,
// duration and our request id. No header, cookie or body is ever written.
import { randomUUID } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { logEvent } from "./log";
import { appMetrics } from "./metrics";
import { requestContextStorage } from "./request-context";
import { routeOf } from "./routes";

type Started = { at: bigint; id: string };
type RequestMessage = { request: IncomingMessage; response: ServerResponse; server: Server };

const started = new WeakMap<IncomingMessage, Started>();
/** Servers whose requests are not observed (the metrics server's scrapes). */
export const unobservedServers = new WeakSet<Server>();

// Health probes come every few seconds from every proxy and kubelet: counted, not logged.
const quietRoutes = new Set(["/api/health", "/api/health/ready"]);

/** The request id: always ours. A client's X-Request-Id is replaced, so no one can make our logs say what they want. */
export function newRequestId(): string {
  return randomUUID();
}

/** The path as a log field: no query or fragment, at most 200 characters. */
export function loggablePath(url: string | undefined): string {
  const path = (url ?? "").split(/[?#]/, 1)[0] ?? "";
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

const holder = globalThis as typeof globalThis & { requestObserverInstalled?: boolean };

/** Subscribes to Node's HTTP server channels once per process (instrumentation.ts). */
export function installRequestObserver(): void {
  if (holder.requestObserverInstalled) return;
  holder.requestObserverInstalled = true;
  const storage = requestContextStorage();

  subscribe("http.server.request.start", (message) => {
    const { request, response, server } = message as RequestMessage;
    if (unobservedServers.has(server)) return;
    const id = newRequestId();
    started.set(request, { at: process.hrtime.bigint(), id });
    // Next (and proxy.ts, and pages through headers()) read the header; the client's own is gone.
    request.headers["x-request-id"] = id;
    response.setHeader("X-Request-Id", id);
    // Published just before the server emits "request", in the same tick: everything
    // Next does for this request runs inside this context.
    storage.enterWith({ requestId: id });
  });

  subscribe("http.server.response.finish", (message) => {
    const { request, response } = message as RequestMessage;
    const start = started.get(request);
    if (!start) return;
    started.delete(request);
    const seconds = Number(process.hrtime.bigint() - start.at) / 1e9;
    const route = routeOf(request.url ?? "");
    const status = response.statusCode;
    const metrics = appMetrics();
    metrics.httpDuration.observe({ method: request.method ?? "", route, status: String(status) }, seconds);
    if (status >= 500) metrics.httpServerErrors.inc({ route });
    if (quietRoutes.has(route) && status < 500) return;
    logEvent(status >= 500 ? "error" : "info", "request", {
      request_id: start.id,
      method: request.method,
      path: loggablePath(request.url),
      route,
      status,
      duration_ms: Math.round(seconds * 10_000) / 10,
    });
  });
}
