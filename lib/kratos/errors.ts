import type {
  ErrorBrowserLocationChangeRequired,
  ErrorGeneric,
  SelfServiceFlowExpiredError,
} from "@ory/kratos-client-fetch";

/** True for a non-null object, as JSON bodies from Kratos are. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** True for Kratos's generic error envelope `{ error: { … } }`. */
export function isKratosError(body: unknown): body is ErrorGeneric {
  return isRecord(body) && isRecord(body.error);
}

/** The error id of a Kratos error envelope, if it has one. */
export function kratosErrorId(body: unknown): string | undefined {
  if (!isKratosError(body)) return undefined;
  const id = (body.error as { id?: unknown }).id;
  return typeof id === "string" ? id : undefined;
}

/** The message of a Kratos error envelope, if it has one. */
export function kratosErrorMessage(body: unknown): string | undefined {
  if (!isKratosError(body)) return undefined;
  const message = (body.error as { message?: unknown }).message;
  return typeof message === "string" ? message : undefined;
}

/** A 410 that names the flow to continue in. */
export function isFlowExpired(body: unknown): body is SelfServiceFlowExpiredError & { use_flow_id: string } {
  return kratosErrorId(body) === "self_service_flow_expired" && isRecord(body) && typeof body.use_flow_id === "string";
}

/** An error that tells the browser where to go next (422, 403 AAL and refresh). */
export function hasBrowserRedirect(
  body: unknown,
): body is ErrorBrowserLocationChangeRequired & { redirect_browser_to: string } {
  return isRecord(body) && typeof body.redirect_browser_to === "string";
}

/**
 * Kratos v1.3.1's 500 for a registration code it would have to text: it sends one to
 * every code identifier and has only an email template for registration codes
 * (selfservice/strategy/code/code_sender.go, SendCode and send).
 */
export function isSmsRegistrationCodeFailure(body: unknown): boolean {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  return typeof error?.reason === "string" && error.reason.startsWith("Expected sms template but got");
}
