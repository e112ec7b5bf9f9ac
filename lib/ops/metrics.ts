// Prometheus metrics, served on a port of their own (lib/ops/metrics-server.ts),
// never on the app's. One registry per process, on globalThis: Next bundles the
// instrumentation hook and the routes separately, and each bundle would
// otherwise count into a registry of its own.
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export type AppMetrics = {
  registry: Registry;
  /** Time to the last byte of each response, by route pattern (never the raw path). */
  httpDuration: Histogram<"method" | "route" | "status">;
  /** Responses with a 5xx status, by route. */
  httpServerErrors: Counter<"route">;
  /** Each call to Kratos, by endpoint (ids replaced) and outcome (status class, timeout, unavailable). */
  kratosDuration: Histogram<"endpoint" | "method" | "outcome">;
  /** The limiter's decisions per form post. */
  rateLimitDecisions: Counter<"kind" | "decision">;
  /** Store calls answered from memory because Redis did not answer. */
  rateLimitFallbacks: Counter;
};

const holder = globalThis as typeof globalThis & { appMetrics?: AppMetrics };

function create(): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: "http_request_duration_seconds",
      help: "Time to the last byte of each response, by route pattern.",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    httpServerErrors: new Counter({
      name: "http_server_errors_total",
      help: "Responses with a 5xx status, by route pattern.",
      labelNames: ["route"],
      registers: [registry],
    }),
    kratosDuration: new Histogram({
      name: "kratos_request_duration_seconds",
      help: "Calls to Kratos by endpoint and outcome (2xx…5xx, timeout, unavailable).",
      labelNames: ["endpoint", "method", "outcome"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    rateLimitDecisions: new Counter({
      name: "rate_limit_decisions_total",
      help: "Form posts the rate limiter allowed or refused, by flow kind and budget.",
      labelNames: ["kind", "decision"],
      registers: [registry],
    }),
    rateLimitFallbacks: new Counter({
      name: "rate_limit_store_fallbacks_total",
      help: "Rate-limit store calls answered from this instance's memory because Redis did not answer.",
      registers: [registry],
    }),
  };
}

/** This process's metrics. */
export function appMetrics(): AppMetrics {
  holder.appMetrics ??= create();
  return holder.appMetrics;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A Kratos path as a metric label: no query, and ids (identities, sessions,
 * flows) as {id}, so the label set stays as small as Kratos's API.
 */
export function kratosEndpoint(path: string): string {
  const pathname = path.split(/[?#]/, 1)[0] ?? "";
  return pathname
    .split("/")
    .map((segment) => (uuid.test(segment) || segment.length > 40 ? "{id}" : segment))
    .join("/");
}

/** The outcome label of a Kratos call: its status class, or why there was none. */
export function kratosOutcome(status: number | undefined, error?: unknown): string {
  if (status !== undefined) return `${Math.floor(status / 100)}xx`;
  const cause = error instanceof Error ? error.cause : undefined;
  return cause instanceof Error && cause.name === "TimeoutError" ? "timeout" : "unavailable";
}
