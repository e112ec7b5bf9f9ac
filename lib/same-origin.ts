// Checks for form posts to our own route handlers that act on the session
// without Kratos's CSRF token (revoking sessions, deleting the account): Kratos's
// public /sessions endpoints and the admin API do not check CSRF, so these
// routes must refuse cross-site posts themselves.
import { plainTextResponse, readLimitedText } from "./form-body";

/**
 * Whether the request provably comes from a page on `appOrigin`.
 *
 * A real `Origin` decides on its own. Our pages are served with
 * `Referrer-Policy: no-referrer`, so browsers send `Origin: null` on form posts;
 * then `Sec-Fetch-Site` must say `same-origin`. Unlike the flow relay (where
 * Kratos's CSRF token is a second gate), a request carrying neither header is
 * refused: nothing else would stop it.
 */
export function isSameOriginRequest(headers: Headers, appOrigin: string): boolean {
  const origin = headers.get("origin");
  if (origin && origin !== "null") return origin === appOrigin;
  return headers.get("sec-fetch-site") === "same-origin";
}

/** Small forms (a session id, a typed email) never need more than this. */
export const maxSmallFormBytes = 4 * 1024;

export type FormRead = { kind: "form"; form: URLSearchParams } | { kind: "refused"; response: Response };

/**
 * Reads a same-origin urlencoded form of at most `maxBytes`, or the response
 * that refuses it: 403 cross-site, 415 another content type, 413 too large.
 */
export async function readSameOriginForm(
  request: Request,
  appOrigin: string,
  maxBytes: number = maxSmallFormBytes,
): Promise<FormRead> {
  if (!isSameOriginRequest(request.headers, appOrigin)) {
    return { kind: "refused", response: plainTextResponse(403, "This form can only be submitted from this site.") };
  }
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.startsWith("application/x-www-form-urlencoded")) {
    return {
      kind: "refused",
      response: plainTextResponse(415, "Forms are submitted as application/x-www-form-urlencoded."),
    };
  }
  const text = await readLimitedText(request, maxBytes);
  if (text === undefined) return { kind: "refused", response: plainTextResponse(413, "The form is too large.") };
  return { kind: "form", form: new URLSearchParams(text) };
}
