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
 * then `Sec-Fetch-Site` must say `same-origin`. A request carrying neither
 * header is refused unless `allowUnlabelled`: the flow relay allows it (and
 * `Sec-Fetch-Site: none`), because Kratos's CSRF token is a second gate there,
 * while nothing else would stop a post to our own session routes.
 */
export function isSameOriginRequest(headers: Headers, appOrigin: string, { allowUnlabelled = false } = {}): boolean {
  const origin = headers.get("origin");
  if (origin && origin !== "null") return origin === appOrigin;
  const site = headers.get("sec-fetch-site");
  if (allowUnlabelled && (!site || site === "none")) return true;
  return site === "same-origin";
}

/** Small forms (a session id, a typed email) never need more than this. */
export const maxSmallFormBytes = 4 * 1024;

export type FormBodyRead = { kind: "body"; text: string } | { kind: "refused"; response: Response };

/**
 * Reads the raw body of a same-origin urlencoded form of at most `maxBytes`, or
 * the response that refuses it: 403 cross-site, 415 another content type, 413 too large.
 */
export async function readSameOriginFormBody(
  request: Request,
  appOrigin: string,
  { maxBytes = maxSmallFormBytes, allowUnlabelled = false }: { maxBytes?: number; allowUnlabelled?: boolean } = {},
): Promise<FormBodyRead> {
  if (!isSameOriginRequest(request.headers, appOrigin, { allowUnlabelled })) {
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
  return { kind: "body", text };
}

export type FormRead = { kind: "form"; form: URLSearchParams } | { kind: "refused"; response: Response };

/** Reads a same-origin urlencoded form of at most `maxBytes`, parsed; see readSameOriginFormBody. */
export async function readSameOriginForm(
  request: Request,
  appOrigin: string,
  maxBytes: number = maxSmallFormBytes,
): Promise<FormRead> {
  const read = await readSameOriginFormBody(request, appOrigin, { maxBytes });
  return read.kind === "body" ? { kind: "form", form: new URLSearchParams(read.text) } : read;
}
