import "server-only";
import { env } from "../config/env";

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
  timeoutMs?: number;
};

export class KratosUnavailableError extends Error {
  constructor(cause: unknown) {
    super("Kratos did not answer", { cause });
    this.name = "KratosUnavailableError";
  }
}

async function call(base: URL, path: string, request: KratosRequest): Promise<KratosResponse> {
  const headers = new Headers({ Accept: "application/json" });
  if (request.cookie) headers.set("Cookie", request.cookie);
  if (request.contentType) headers.set("Content-Type", request.contentType);
  if (request.forwardedFor) headers.set("X-Forwarded-For", request.forwardedFor);
  if (request.userAgent) headers.set("User-Agent", request.userAgent);
  let response: Response;
  try {
    response = await fetch(new URL(path, base), {
      method: request.method ?? "GET",
      headers,
      body: request.body,
      // Kratos's redirects are meant for the browser, which must see them itself.
      redirect: "manual",
      cache: "no-store",
      signal: AbortSignal.timeout(request.timeoutMs ?? 10_000),
    });
  } catch (error) {
    throw new KratosUnavailableError(error);
  }
  const text = await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  return {
    status: response.status,
    body,
    setCookies: response.headers.getSetCookie(),
    location: response.headers.get("Location"),
  };
}

/** Calls Kratos's public API from this server, forwarding the browser's cookies. */
export function kratosPublic(path: string, request: KratosRequest = {}): Promise<KratosResponse> {
  return call(env().kratosPublicUrl, path, request);
}

/** Calls Kratos's admin API; its address never leaves this server. */
export function kratosAdmin(path: string, request: KratosRequest = {}): Promise<KratosResponse> {
  return call(env().kratosAdminUrl, path, request);
}

/** A URL on Kratos's public API as the browser reaches it. */
export function kratosBrowserUrl(path: string, params?: URLSearchParams): string {
  const url = new URL(path, env().kratosBrowserUrl);
  if (params) url.search = params.toString();
  return url.toString();
}
