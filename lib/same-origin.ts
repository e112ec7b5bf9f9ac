// Checks for form posts to our own route handlers that act on the session
// without Kratos's CSRF token (revoking sessions, deleting the account): Kratos's
// public /sessions endpoints and the admin API do not check CSRF, so these
// routes must refuse cross-site posts themselves.

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

function plain(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

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
    return { kind: "refused", response: plain(403, "This form can only be submitted from this site.") };
  }
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.startsWith("application/x-www-form-urlencoded")) {
    return { kind: "refused", response: plain(415, "Forms are submitted as application/x-www-form-urlencoded.") };
  }
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return { kind: "refused", response: plain(413, "The form is too large.") };
    }
    chunks.push(value);
  }
  return { kind: "form", form: new URLSearchParams(Buffer.concat(chunks).toString("utf8")) };
}
