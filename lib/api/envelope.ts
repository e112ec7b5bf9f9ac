// The JSON API's envelope, as the backend seed describes it: `{ success: true, data }`
// or `{ success: false, error }`, with an HTTP status that says the same thing.
import { relaySetCookies } from "../http/cookie-relay";

/** Per-field messages (Kratos's texts), keyed by the API's own field names. */
export type FieldErrors = Record<string, string[]>;

/** What a failed call answers besides the one-line `error`. */
export type FailureDetails = {
  /** Kratos's error id or ours (`invalid_session`, `rate_limited`, …), for programs to branch on. */
  code?: string;
  /** Kratos's messages per field: the form's inputs, renamed to the API's fields. */
  fields?: FieldErrors;
  /** The flow to keep using (a validation error) or to continue in (an expired flow). */
  flow_id?: string;
  /** Where a browser must go next (Kratos's `redirect_browser_to`). */
  redirect_browser_to?: string;
};

const noStore = { "Cache-Control": "no-store" };

/** `{ success: true, data }` with Kratos's Set-Cookie headers copied byte for byte. */
export function ok(data: unknown, { status = 200, setCookies = [] as readonly string[] } = {}): Response {
  const headers = new Headers({ "Content-Type": "application/json", ...noStore });
  relaySetCookies(headers, setCookies);
  return new Response(JSON.stringify({ success: true, data }), { status, headers });
}

/** `{ success: false, error, ...details }`; `error` is a sentence a person can read. */
export function fail(
  status: number,
  error: string,
  details: FailureDetails = {},
  { setCookies = [], headers: extra = {} }: { setCookies?: readonly string[]; headers?: Record<string, string> } = {},
): Response {
  const headers = new Headers({ "Content-Type": "application/json", ...noStore, ...extra });
  relaySetCookies(headers, setCookies);
  return new Response(JSON.stringify({ success: false, error, ...details }), { status, headers });
}

/** The answer to a request that carries no valid session, worded as in the seed. */
export function invalidSession(): Response {
  return fail(401, "Invalid session", { code: "invalid_session" });
}
