import "server-only";
// Kratos's JSON clients (its SDKs, a single-page app, Ory's own test harness) on
// the relay's paths. A deployment that gives Kratos a base_url on this app's
// origin sends `ui.action` (POST /self-service/<flow>?flow=<id>) here; the relay
// answers such a post as Kratos would, after the same origin check and rate
// limits as a form post: JSON in, Kratos's status and JSON out, Set-Cookie
// headers byte for byte. Kratos keeps checking its CSRF token (in the body)
// against its CSRF cookie (relayed) for browser flows. See ARCHITECTURE.md,
// "Kratos's public API under our origin".
import { env } from "../config/env";
import { callKratos, KratosUnavailableError } from "../kratos/client";
import { kratosIdPattern } from "../kratos/ids";
import type { FlowKind } from "../flows/load-flow";
import { readLimitedText } from "./form-body";
import { jsonAsKratosForm } from "./kratos-form";
import { checkRateLimit, requestClientAddress } from "./rate-limit";
import { isSameOriginRequest } from "./same-origin";

/** JSON bodies larger than this are refused before they reach Kratos (the form relay's limit). */
export const maxJsonFlowBytes = 64 * 1024;

/** Whether a post is meant for the JSON relay: Kratos reads a body as JSON exactly for this type. */
export function isJsonPost(request: Request): boolean {
  return /^application\/json\s*(;|$)/i.test(request.headers.get("content-type") ?? "");
}

const statusTexts: Record<number, string> = {
  400: "Bad Request",
  403: "Forbidden",
  413: "Payload Too Large",
  429: "Too Many Requests",
  503: "Service Unavailable",
};

/** A refusal in Kratos's own error shape, so a Kratos SDK reads it like Kratos's errors. */
export function kratosStyleError(
  status: number,
  reason: string,
  { id, headers = {} }: { id?: string; headers?: Record<string, string> } = {},
): Response {
  const error = { ...(id && { id }), code: status, status: statusTexts[status] ?? "Error", reason, message: reason };
  return Response.json({ error }, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/**
 * The first top-level key Go would read as another field than our limiter does.
 * Go's encoding/json matches field names case-insensitively, with Unicode folding
 * (`IDENTIFIER`, or `ſ` for `s`, fill `identifier`): a body keyed so would reach
 * Kratos's check while the limiter, which reads exact names, saw no account.
 * Kratos's own fields are lower-case ASCII; traits (`traits.<name>`) and the
 * transient payload are matched by JSON Schema, which is case-sensitive.
 */
export function unreadableKey(body: Record<string, unknown>): string | undefined {
  return Object.keys(body).find(
    (key) => !/^[a-z0-9_.]+$/.test(key) && !key.startsWith("traits.") && !key.startsWith("transient_payload."),
  );
}

/** Answers a JSON post to POST /self-service/<kind>?flow=<id> as Kratos would, through our checks. */
export async function relayJsonSubmission(kind: FlowKind, request: Request): Promise<Response> {
  const flowId = new URL(request.url).searchParams.get("flow");
  if (!flowId || !kratosIdPattern.test(flowId)) {
    return kratosStyleError(400, "The flow query parameter is missing or is not a flow id.");
  }
  // A page elsewhere cannot send application/json without a CORS preflight, which this
  // app never grants; a labelled cross-site request is refused all the same, before
  // it costs a Kratos call. Unlabelled requests (native apps, servers) go on: for a
  // browser flow Kratos's CSRF token and cookie are the second gate, as on Kratos itself.
  if (!isSameOriginRequest(request.headers, env().appUrl.origin, { allowUnlabelled: true })) {
    return kratosStyleError(403, "This request can only be sent from this site.", { id: "security_cross_site" });
  }
  const text = await readLimitedText(request, maxJsonFlowBytes);
  if (text === undefined) return kratosStyleError(413, "The request body is too large.");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return kratosStyleError(400, "The request body must be a JSON object.");
  }
  const key = unreadableKey(body as Record<string, unknown>);
  if (key !== undefined) {
    return kratosStyleError(400, `Field names are lower case; ${JSON.stringify(key.slice(0, 40))} is not.`);
  }

  const cookie = request.headers.get("cookie");
  const sessionToken = request.headers.get("x-session-token");
  const limit = await checkRateLimit({
    kind,
    forwardedFor: request.headers.get("x-forwarded-for"),
    cookie,
    body: jsonAsKratosForm(body as Record<string, unknown>),
  });
  if (!limit.allowed) {
    return kratosStyleError(429, "Too many attempts. Wait a moment and try again.", {
      id: "rate_limited",
      headers: { "Retry-After": String(limit.retryAfterSeconds) },
    });
  }

  let answer;
  try {
    // The body goes on as we parsed it, not as sent: a duplicated key or an escaped name
    // then means to Kratos exactly what it meant to the limiter (JSON.parse keeps the last value).
    answer = await callKratos(env().kratosPublicUrl, `/self-service/${kind}?flow=${encodeURIComponent(flowId)}`, {
      method: "POST",
      cookie,
      sessionToken,
      body: JSON.stringify(body),
      contentType: "application/json",
      forwardedFor: requestClientAddress(request),
      userAgent: request.headers.get("user-agent"),
    });
  } catch (error) {
    if (!(error instanceof KratosUnavailableError)) throw error;
    return kratosStyleError(503, "The sign-in service is not answering. Try again in a moment.");
  }
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(new TextDecoder().decode(answer.body));
  } catch {
    // Not JSON (empty, or a proxy's page): nothing for the limiter to count.
  }
  // Counted only now, as for forms: what Kratos answered, for the account it checked.
  await limit.record(answer.status, parsed);

  const headers = new Headers({ "Cache-Control": "no-store" });
  headers.set("Content-Type", "application/json; charset=utf-8");
  for (const setCookie of answer.setCookies) headers.append("Set-Cookie", setCookie);
  // Kratos's 303 to a fresh flow's JSON (an expired recovery or verification flow).
  if (answer.location) headers.set("Location", answer.location);
  return new Response(answer.body.byteLength ? answer.body : null, { status: answer.status, headers });
}
