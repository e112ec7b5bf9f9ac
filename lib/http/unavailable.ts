import "server-only";
import { redirect } from "next/navigation";
import { KratosUnavailableError } from "../kratos/client";
import { localeOfHeaders } from "../i18n/locales";
import { safeRetryPath, unavailableResponse } from "./status-page";

/** Our page that answers 503 "try again" and links back to `retryPath`. */
export function unavailablePath(retryPath: string): string {
  return `/unavailable?retry=${encodeURIComponent(safeRetryPath(retryPath))}`;
}

/** A page's path with its query, for the "try again" link. */
export function pagePath(pathname: string, params: Record<string, string | string[] | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const single of Array.isArray(value) ? value : [value]) if (single !== undefined) query.append(name, single);
  }
  const search = query.toString();
  return search ? `${pathname}?${search}` : pathname;
}

/**
 * For pages: runs `load`, and when Kratos does not answer ends the render with
 * a redirect to the 503 page, which leads back here. A page cannot set its own
 * status, and a 500 would tell the user nothing they can do.
 */
export async function orUnavailablePage<T>(retryPath: string | (() => string), load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (!(error instanceof KratosUnavailableError)) throw error;
    // A function is called only here: building the path walks the query, which every render would pay for nothing.
    const path = typeof retryPath === "function" ? retryPath() : retryPath;
    console.warn(`Kratos did not answer while rendering ${new URL(path, "http://app").pathname}`);
    redirect(unavailablePath(path));
  }
}

/** For route handlers: runs `handle`, and answers 503 "try again" when Kratos does not answer. */
export async function orUnavailableResponse(
  request: Request,
  retryPath: string,
  handle: () => Promise<Response>,
): Promise<Response> {
  try {
    return await handle();
  } catch (error) {
    if (!(error instanceof KratosUnavailableError)) throw error;
    console.warn(`Kratos did not answer ${request.method} ${new URL(request.url).pathname}`);
    return unavailableResponse(
      retryPath,
      request.headers.get("x-nonce") ?? undefined,
      localeOfHeaders(request.headers),
    );
  }
}
