import "server-only";
// The JSON API's sign-up, sign-in and sign-out: browser flows for browsers and
// API flows for native apps, both relayed to Kratos by this server.
import { env } from "../config/env";
import { KratosUnavailableError, kratosPublic } from "../kratos/client";
import { isRecord } from "../kratos/errors";
import { kratosIdPattern as flowIdPattern } from "../kratos/ids";
import { jsonAsKratosForm } from "../http/kratos-form";
import { checkRateLimit, requestClientAddress } from "../http/rate-limit";
import { isSameOriginRequest } from "../http/same-origin";
import { apiClientOf, type ApiClient } from "./client-kind";
import { fail, invalidSession, ok } from "./envelope";
import { startAnswer, submissionAnswer } from "./kratos-answer";
import { readJsonObject } from "./request-body";

export type ApiFlowKind = "registration" | "login";

/** Answers 503 in the envelope when Kratos does not answer, instead of a stack trace. */
export async function orUnavailable(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof KratosUnavailableError)) throw error;
    return fail(503, "The sign-in service is not answering. Try again in a moment.", { code: "kratos_unavailable" });
  }
}

/** The headers Kratos needs to know who is asking: cookies or token, and the device. */
function asker(client: ApiClient, request: Request) {
  return {
    ...(client.kind === "browser" ? { cookie: client.cookie } : { sessionToken: client.sessionToken }),
    // The address we determined, never the client's claimed list (Kratos records it on the session).
    forwardedFor: requestClientAddress(request),
    userAgent: request.headers.get("user-agent"),
  };
}

// Query parameters a client may pass on to Kratos when starting a login.
const loginStartParams = ["refresh", "aal"];

/** GET /api/auth/flows/{registration,login}: a new flow, with its CSRF token for browsers. */
export function startFlow(kind: ApiFlowKind, request: Request): Promise<Response> {
  const client = apiClientOf(request.headers);
  const query = new URLSearchParams();
  const asked = new URL(request.url).searchParams;
  if (kind === "login") {
    for (const name of loginStartParams) {
      const value = asked.get(name);
      if (value && /^[a-z0-9]{1,10}$/.test(value)) query.set(name, value);
    }
  }
  const path = `/self-service/${kind}/${client.kind === "browser" ? "browser" : "api"}`;
  return orUnavailable(async () =>
    startAnswer(await kratosPublic(`${path}${query.size ? `?${query}` : ""}`, asker(client, request))),
  );
}

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

// Body fields with a meaning of their own; any other field is a trait.
const registrationControlFields = new Set(["flow_id", "csrf_token", "method", "password", "code", "resend", "traits"]);

/**
 * Kratos's registration body from the API's flat one (the seed's `email`,
 * `first_name`, `last_name`, …). A field that is no trait of the identity schema
 * is still sent, so that Kratos names it in its own validation message.
 */
export function registrationBody(body: Record<string, unknown>): Record<string, unknown> {
  const traits: Record<string, unknown> = isRecord(body.traits) ? { ...body.traits } : {};
  for (const [field, value] of Object.entries(body)) {
    if (registrationControlFields.has(field) || value === undefined) continue;
    if (field === "first_name" || field === "last_name") {
      const name = isRecord(traits.name) ? { ...traits.name } : {};
      name[field === "first_name" ? "first" : "last"] = value;
      traits.name = name;
    } else traits[field] = value;
  }
  return {
    method: str(body.method) ?? "password",
    csrf_token: str(body.csrf_token) ?? "",
    traits,
    ...(body.password !== undefined && { password: body.password }),
    ...(body.code !== undefined && { code: body.code }),
    ...(body.resend !== undefined && { resend: body.resend }),
  };
}

// What a login submission may carry, whatever its method.
const loginFields = ["identifier", "password", "code", "resend", "totp_code", "lookup_secret"];

/** Kratos's login body: the method (password unless said otherwise) and its fields. */
export function loginBody(body: Record<string, unknown>): Record<string, unknown> {
  const kratosBody: Record<string, unknown> = {
    method: str(body.method) ?? "password",
    csrf_token: str(body.csrf_token) ?? "",
  };
  for (const field of loginFields) if (body[field] !== undefined) kratosBody[field] = body[field];
  return kratosBody;
}

/** POST /api/auth/flows/{registration,login}: the submission, relayed as JSON. */
export async function submitFlowJson(kind: ApiFlowKind, request: Request): Promise<Response> {
  const client = apiClientOf(request.headers);
  // Kratos checks its CSRF token on browser flows; this refuses other sites before they cost a Kratos call.
  if (
    client.kind === "browser" &&
    !isSameOriginRequest(request.headers, env().appUrl.origin, { allowUnlabelled: true })
  ) {
    return fail(403, "This request can only be sent from this site.", { code: "cross_site" });
  }
  const read = await readJsonObject(request);
  if (read.kind === "refused") return read.response;
  const flowId = str(read.body.flow_id);
  if (!flowId || !flowIdPattern.test(flowId)) {
    return fail(400, "flow_id must be the id of a flow started with GET.", {
      code: "invalid_flow_id",
      fields: { flow_id: ["Start a flow first."] },
    });
  }
  const kratosBody = kind === "registration" ? registrationBody(read.body) : loginBody(read.body);
  // The same budgets as the form relay: the scope is the flow, so an attacker gains nothing by switching.
  const limit = await checkRateLimit({
    kind,
    forwardedFor: request.headers.get("x-forwarded-for"),
    cookie: client.kind === "browser" ? client.cookie : null,
    body: jsonAsKratosForm(kratosBody),
  });
  if (!limit.allowed) {
    return fail(
      429,
      "Too many attempts. Wait a moment and try again.",
      { code: "rate_limited" },
      { headers: { "Retry-After": String(limit.retryAfterSeconds) } },
    );
  }
  return orUnavailable(async () => {
    const response = await kratosPublic(`/self-service/${kind}?flow=${encodeURIComponent(flowId)}`, {
      method: "POST",
      body: JSON.stringify(kratosBody),
      contentType: "application/json",
      ...asker(client, request),
    });
    // Counted only now, as in the form relay: what Kratos answered, for the account it checked.
    await limit.record(response.status, response.body);
    return submissionAnswer(response);
  });
}

/** GET /api/auth/flows/logout: a browser's logout URL and token (native apps DELETE instead). */
export function startLogout(request: Request): Promise<Response> {
  const client = apiClientOf(request.headers);
  if (client.kind === "native") {
    return Promise.resolve(
      fail(400, "Native clients log out with DELETE /api/auth/flows/logout and their session token.", {
        code: "use_delete",
      }),
    );
  }
  return orUnavailable(async () => {
    const response = await kratosPublic("/self-service/logout/browser", asker(client, request));
    if (response.status === 200 && isRecord(response.body)) {
      const { logout_url, logout_token } = response.body;
      return ok({ logout_url, logout_token }, { setCookies: response.setCookies });
    }
    return response.status === 401 ? invalidSession() : submissionAnswer(response);
  });
}

/**
 * DELETE /api/auth/flows/logout: ends the session. A native app's token is
 * revoked; a browser sends the logout_token from GET and gets Kratos's
 * cookie-clearing Set-Cookie headers.
 */
export async function completeLogout(request: Request): Promise<Response> {
  const client = apiClientOf(request.headers);
  if (client.kind === "native") {
    if (!client.sessionToken) return invalidSession();
    return orUnavailable(async () => {
      const response = await kratosPublic("/self-service/logout/api", {
        method: "DELETE",
        body: JSON.stringify({ session_token: client.sessionToken }),
        contentType: "application/json",
      });
      if (response.status === 204) return ok({ logged_out: true });
      return response.status === 400 || response.status === 401 || response.status === 403
        ? invalidSession()
        : submissionAnswer(response);
    });
  }
  if (!isSameOriginRequest(request.headers, env().appUrl.origin, { allowUnlabelled: true })) {
    return fail(403, "This request can only be sent from this site.", { code: "cross_site" });
  }
  const read = await readJsonObject(request);
  if (read.kind === "refused") return read.response;
  const token = str(read.body.logout_token);
  if (!token || !/^[A-Za-z0-9_-]{1,200}$/.test(token)) {
    return fail(400, "logout_token must be the token from GET /api/auth/flows/logout.", {
      code: "invalid_logout_token",
    });
  }
  return orUnavailable(async () => {
    const response = await kratosPublic(
      `/self-service/logout?token=${encodeURIComponent(token)}`,
      asker(client, request),
    );
    if (response.status === 204) return ok({ logged_out: true }, { setCookies: response.setCookies });
    return response.status === 401 ? invalidSession() : submissionAnswer(response);
  });
}
