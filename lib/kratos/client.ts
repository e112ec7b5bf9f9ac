import "server-only";
import { env } from "../config/env";
import { appMetrics, kratosEndpoint, kratosOutcome } from "../ops/metrics";
import { currentRequestId } from "../ops/request-context";

/** What Kratos answered: status, parsed JSON body and its raw Set-Cookie headers. */
export type KratosResponse = {
  status: number;
  body: unknown;
  /** Each upstream Set-Cookie header exactly as Kratos sent it. */
  setCookies: string[];
  location: string | null;
};

export type KratosRequest = {
  method?: "GET" | "POST" | "DELETE" | "PATCH";
  /** The browser's raw Cookie header, forwarded untouched. */
  cookie?: string | null;
  body?: string;
  contentType?: string;
  /** Identifies the end user's device to Kratos for the sessions list. */
  forwardedFor?: string | null;
  userAgent?: string | null;
  /** A native client's session token, sent as X-Session-Token (never a cookie). */
  sessionToken?: string | null;
  /** How long Kratos has to answer, body included; kratosTimeoutMs(method) unless the caller must answer sooner. */
  timeoutMs?: number;
  /** The fetch to call: unit tests pass their own, everything else uses the global one. */
  fetchFn?: typeof fetch;
};

/** What Kratos answered, with the body as bytes: for the few answers that are not JSON. */
export type KratosBytesResponse = Omit<KratosResponse, "body"> & { body: ArrayBuffer };

/**
 * How long a call waits for Kratos by default. A read that hangs is given up
 * after 10 s: nothing is lost, and the user sees "try again". A submission is
 * given 30 s: Kratos goes on with it after we stop waiting (a registration is
 * committed, its web hooks run or die with the cancelled request), so giving
 * up early tells the user it failed when it did not. On a busy Kratos, bcrypt
 * at cost 12 queues for seconds (bench/load.mjs measured this).
 */
export function kratosTimeoutMs(method: KratosRequest["method"] = "GET"): number {
  return method === "GET" ? 10_000 : 30_000;
}

/** Kratos did not answer, or not in time; `cause` holds the fetch error (a TimeoutError for the latter). */
export class KratosUnavailableError extends Error {
  constructor(cause: unknown) {
    super("Kratos did not answer", { cause });
    this.name = "KratosUnavailableError";
  }
}

/**
 * The one place this app talks to Kratos. Reading the body is inside the
 * timeout and the try: a Kratos that stalls mid-answer is as unavailable as a silent one.
 */
export async function callKratos(base: URL, path: string, request: KratosRequest = {}): Promise<KratosBytesResponse> {
  const headers = new Headers({ Accept: "application/json" });
  if (request.cookie) headers.set("Cookie", request.cookie);
  if (request.contentType) headers.set("Content-Type", request.contentType);
  if (request.forwardedFor) headers.set("X-Forwarded-For", request.forwardedFor);
  if (request.userAgent) headers.set("User-Agent", request.userAgent);
  if (request.sessionToken) headers.set("X-Session-Token", request.sessionToken);
  // Kratos logs every request header but secrets: this one joins its log line to ours.
  const requestId = currentRequestId();
  if (requestId) headers.set("X-Request-Id", requestId);
  const fetchFn = request.fetchFn ?? fetch;
  const method = request.method ?? "GET";
  const started = performance.now();
  const observe = (status?: number, error?: unknown) =>
    appMetrics().kratosDuration.observe(
      { endpoint: kratosEndpoint(path), method, outcome: kratosOutcome(status, error) },
      (performance.now() - started) / 1000,
    );
  try {
    const response = await fetchFn(new URL(path, base), {
      method,
      headers,
      body: request.body,
      // Kratos's redirects are meant for the browser, which must see them itself.
      redirect: "manual",
      cache: "no-store",
      signal: AbortSignal.timeout(request.timeoutMs ?? kratosTimeoutMs(method)),
    });
    const body = await response.arrayBuffer();
    observe(response.status);
    return {
      status: response.status,
      body,
      setCookies: response.headers.getSetCookie(),
      location: response.headers.get("Location"),
    };
  } catch (error) {
    observe(undefined, error);
    throw new KratosUnavailableError(error);
  }
}

/** Kratos's body as JSON; null when it is empty or not JSON (a proxy's error page, say). */
function parseJson(bytes: ArrayBuffer): unknown {
  const text = new TextDecoder().decode(bytes);
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Calls Kratos at `base` (for callers that hold their own configuration) and parses the JSON answer. */
export async function callKratosJson(base: URL, path: string, request: KratosRequest = {}): Promise<KratosResponse> {
  const response = await callKratos(base, path, request);
  return { ...response, body: parseJson(response.body) };
}

/** Calls Kratos's public API from this server, forwarding the browser's cookies. */
export function kratosPublic(path: string, request: KratosRequest = {}): Promise<KratosResponse> {
  return callKratosJson(env().kratosPublicUrl, path, request);
}

/** Calls Kratos's admin API; its address never leaves this server. */
export function kratosAdmin(path: string, request: KratosRequest = {}): Promise<KratosResponse> {
  return callKratosJson(env().kratosAdminUrl, path, request);
}

/** Fetches a file from Kratos's public API as it is (the WebAuthn script), without parsing it. */
export function kratosPublicBytes(path: string, request: KratosRequest = {}): Promise<KratosBytesResponse> {
  return callKratos(env().kratosPublicUrl, path, request);
}
