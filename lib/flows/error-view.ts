import "server-only";
import { FlowErrorFromJSON } from "@ory/kratos-client-fetch";
import { KratosUnavailableError, kratosPublic, type KratosResponse } from "../kratos/client";
import { isRecord, kratosErrorId, kratosErrorMessage } from "../kratos/errors";
import type { Locale } from "../i18n/locales";
import { textsFor } from "../i18n/text";
import type { TextKey } from "../i18n/text/en";

/** What the error page shows: plain words and a reference, never internals. */
export type ErrorView = { title: string; detail: string; reference?: string };

type ErrorKeys = { title: TextKey; detail: TextKey };

// A Map, not an object literal: `?reason=toString` must not find Object.prototype's function.
const byErrorId = new Map<string, ErrorKeys>(
  Object.entries({
    security_csrf_violation: { title: "error.csrf.title", detail: "error.csrf.detail" },
    self_service_flow_expired: { title: "error.expired.title", detail: "error.expired.detail" },
    self_service_flow_return_to_forbidden: { title: "error.returnTo.title", detail: "error.returnTo.detail" },
    registration_incomplete: {
      title: "error.registrationIncomplete.title",
      detail: "error.registrationIncomplete.detail",
    },
    registration_code_by_sms: {
      title: "error.registrationCodeBySms.title",
      detail: "error.registrationCodeBySms.detail",
    },
    session_inactive: { title: "error.inactive.title", detail: "error.inactive.detail" },
    unavailable: { title: "error.unavailable.title", detail: "error.unavailable.detail" },
  } satisfies Record<string, ErrorKeys>),
);

/**
 * Ids Kratos's error endpoint answers: a stored error's UUID, or `stub:500`,
 * the stub Kratos v1.3.1 serves for its own tests (selfservice/errorx/handler.go).
 */
export const kratosErrorIdPattern = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|stub:500)$/i;

const generic: ErrorKeys = { title: "error.generic.title", detail: "error.generic.detail" };

/** Resolves Kratos's `?id=` (a stored error) or our own `?reason=` into plain words in `locale`. */
export async function loadErrorView(params: { id?: string; reason?: string }, locale: Locale): Promise<ErrorView> {
  const t = textsFor(locale);
  const view = (keys: ErrorKeys, reference?: string): ErrorView => ({
    title: t[keys.title],
    detail: t[keys.detail],
    ...(reference ? { reference } : {}),
  });
  if (params.id && kratosErrorIdPattern.test(params.id)) {
    let response: KratosResponse;
    try {
      response = await kratosPublic(`/self-service/errors?id=${encodeURIComponent(params.id)}`);
    } catch (error) {
      if (!(error instanceof KratosUnavailableError)) throw error;
      return view(byErrorId.get("unavailable")!, params.id);
    }
    // A 200 is the stored error (a FlowError); anything else is Kratos's own error
    // envelope (an unknown id, say). Both carry { error: { id, message } }.
    const stored =
      response.status === 200 && isRecord(response.body) ? FlowErrorFromJSON(response.body) : response.body;
    const errorId = kratosErrorId(stored);
    const known = errorId ? byErrorId.get(errorId) : undefined;
    if (known) return view(known, params.id);
    // Kratos's own message for an error we have no words for: English, but more use than nothing.
    return { title: t[generic.title], detail: kratosErrorMessage(stored) ?? t[generic.detail], reference: params.id };
  }
  const reason = params.reason ?? "";
  return view(byErrorId.get(reason) ?? generic);
}
