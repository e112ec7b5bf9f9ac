// Turns Kratos's answers to flow submissions into the JSON API's envelope:
// Kratos's own messages, tied to the API's field names, with Kratos's status.
import type { UiNode, UiText } from "@ory/kratos-client-fetch";
import { isFlowExpired, isKratosError, isRecord, isSmsRegistrationCodeFailure, kratosErrorId } from "../kratos/errors";
import type { KratosResponse } from "../kratos/client";
import { fail, ok, type FieldErrors } from "./envelope";

/** Kratos's input name for a trait, as the API names it: `traits.name.first` is `first_name`. */
export function apiFieldName(nodeName: string): string {
  const trait = nodeName.startsWith("traits.") ? nodeName.slice("traits.".length) : nodeName;
  if (trait === "name.first") return "first_name";
  if (trait === "name.last") return "last_name";
  return trait;
}

type FlowLike = { id: string; ui: { messages?: UiText[]; nodes: UiNode[] } };

function isFlowLike(body: unknown): body is FlowLike {
  return (
    isRecord(body) &&
    typeof body.id === "string" &&
    isRecord(body.ui) &&
    Array.isArray((body.ui as { nodes?: unknown }).nodes)
  );
}

const errorsOf = (messages: UiText[] | undefined) => (messages ?? []).filter((message) => message.type === "error");

/** Kratos's error messages on each input, keyed by the API's field names. */
export function fieldErrorsOf(flow: FlowLike): FieldErrors {
  const fields: FieldErrors = {};
  for (const node of flow.ui.nodes) {
    const name = (node.attributes as { name?: unknown }).name;
    const texts = errorsOf(node.messages).map((message) => message.text);
    if (typeof name !== "string" || texts.length === 0) continue;
    (fields[apiFieldName(name)] ??= []).push(...texts);
  }
  return fields;
}

/** True when a flow carries an error message, on the form or on an input. */
export function flowHasErrors(flow: FlowLike): boolean {
  return errorsOf(flow.ui.messages).length > 0 || flow.ui.nodes.some((node) => errorsOf(node.messages).length > 0);
}

/** The one sentence a failed submission leads with: the form's message, else the first field's. */
function headline(flow: FlowLike, fields: FieldErrors): string {
  const formMessage = errorsOf(flow.ui.messages)[0]?.text;
  return formMessage ?? Object.values(fields)[0]?.[0] ?? "The form has errors.";
}

function kratosErrorText(body: unknown, fallback: string): string {
  if (!isKratosError(body)) return fallback;
  const { reason, message } = body.error as { reason?: unknown; message?: unknown };
  if (typeof reason === "string" && reason) return reason;
  return typeof message === "string" && message ? message : fallback;
}

/**
 * The API's answer to Kratos's answer to a submission. A 400 that carries the
 * flow without an error is the next step of a multi-step flow (a code was sent,
 * a second factor is asked for), so it is a success with the flow as data.
 */
export function submissionAnswer(response: KratosResponse): Response {
  const { status, body, setCookies } = response;
  const cookies = { setCookies };
  if (status === 200) return ok(body, cookies);
  if (status === 400 && isFlowLike(body)) {
    if (!flowHasErrors(body)) return ok(body, cookies);
    const fields = fieldErrorsOf(body);
    return fail(400, headline(body, fields), { code: "validation_failed", fields, flow_id: body.id }, cookies);
  }
  if (isFlowExpired(body)) {
    return fail(
      410,
      kratosErrorText(body, "The flow expired."),
      { code: "self_service_flow_expired", flow_id: body.use_flow_id },
      cookies,
    );
  }
  if (isRecord(body) && typeof body.redirect_browser_to === "string") {
    return fail(
      422,
      kratosErrorText(body, "Continue in the browser."),
      {
        code: kratosErrorId(body) ?? "browser_location_change_required",
        redirect_browser_to: body.redirect_browser_to,
      },
      cookies,
    );
  }
  const code = kratosErrorId(body);
  if (code === "security_csrf_violation") {
    return fail(403, "The form expired or was sent from elsewhere: start the flow again.", { code }, cookies);
  }
  if (status === 404) return fail(404, "There is no such flow: start one.", { code: code ?? "not_found" }, cookies);
  // Kratos v1.3.1 cannot text a sign-up code (ARCHITECTURE.md, "Phone numbers"); nothing was stored.
  if (status === 500 && isSmsRegistrationCodeFailure(body)) {
    return fail(
      400,
      "A sign-up code cannot be sent by text message: sign up with a password, or by code without phone_number, and add the number in settings.",
      {
        code: "registration_code_by_sms",
        fields: { phone_number: ["A sign-up code cannot be sent to a phone number."] },
      },
      cookies,
    );
  }
  // Kratos's 5xx messages can name internal addresses (a failed web hook's URL): never passed on.
  if (status >= 500) return fail(502, incompleteText, { code: "upstream_failed" }, cookies);
  const known = status >= 400 ? status : 502;
  return fail(known, kratosErrorText(body, "Kratos refused the request."), { code }, cookies);
}

/**
 * Said when Kratos fails after a submission. Measured with Kratos v1.3.1: when
 * the user-created web hook fails, the identity is already stored and only the
 * session is withheld, so signing in may well work.
 */
export const incompleteText =
  "We could not finish this step. If you were signing up, your account may exist: try signing in.";

/** The API's answer to a flow start: the flow, with its CSRF token lifted out for convenience. */
export function startAnswer(response: KratosResponse): Response {
  const { status, body, setCookies } = response;
  if (status === 200 && isFlowLike(body)) {
    const csrfNode = body.ui.nodes.find((node) => (node.attributes as { name?: unknown }).name === "csrf_token");
    const csrf = (csrfNode?.attributes as { value?: unknown } | undefined)?.value;
    return ok({ ...body, csrf_token: typeof csrf === "string" ? csrf : "" }, { setCookies });
  }
  const code = kratosErrorId(body);
  if (status === 401) return fail(401, "Invalid session", { code: code ?? "invalid_session" }, { setCookies });
  const known = status >= 400 && status < 500 ? status : 502;
  return fail(known, kratosErrorText(body, "Kratos could not start the flow."), { code }, { setCookies });
}
