import "server-only";
import { FlowErrorFromJSON } from "@ory/kratos-client-fetch";
import { KratosUnavailableError, kratosPublic, type KratosResponse } from "../kratos/client";
import { isRecord, kratosErrorId, kratosErrorMessage } from "../kratos/errors";
import { unavailableText } from "../http/status-page";

/** What the error page shows: plain words and a reference, never internals. */
export type ErrorView = { title: string; detail: string; reference?: string };

// A Map, not an object literal: `?reason=toString` must not find Object.prototype's function.
const byErrorId = new Map<string, Omit<ErrorView, "reference">>(
  Object.entries({
    security_csrf_violation: {
      title: "Your request was blocked for your security",
      detail:
        "The form could not be matched to this browser. Please start again; if it keeps happening, clear this site's cookies.",
    },
    self_service_flow_expired: { title: "That page expired", detail: "Please start again." },
    self_service_flow_return_to_forbidden: {
      title: "That return address is not allowed",
      detail: "The link you followed asked to send you to a site we do not trust.",
    },
    registration_incomplete: {
      title: "We could not finish setting up your account",
      detail: "Your account may have been created: try signing in. If that fails, sign up again a little later.",
    },
    registration_code_by_sms: {
      title: "We cannot text you a sign-up code",
      detail:
        "Nothing was saved. Sign up with a password, or with a code without a phone number, then add your number in your account settings.",
    },
    session_inactive: { title: "You are not signed in", detail: "Please sign in and try again." },
    unavailable: unavailableText,
  }),
);

/**
 * Ids Kratos's error endpoint answers: a stored error's UUID, or `stub:500`,
 * the stub Kratos v1.3.1 serves for its own tests (selfservice/errorx/handler.go).
 */
export const kratosErrorIdPattern = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|stub:500)$/i;

const generic = { title: "Something went wrong", detail: "Please go back and try again." };

/** Resolves Kratos's `?id=` (a stored error) or our own `?reason=` into plain words. */
export async function loadErrorView(params: { id?: string; reason?: string }): Promise<ErrorView> {
  if (params.id && kratosErrorIdPattern.test(params.id)) {
    let response: KratosResponse;
    try {
      response = await kratosPublic(`/self-service/errors?id=${encodeURIComponent(params.id)}`);
    } catch (error) {
      if (!(error instanceof KratosUnavailableError)) throw error;
      return { ...unavailableText, reference: params.id };
    }
    // A 200 is the stored error (a FlowError); anything else is Kratos's own error
    // envelope (an unknown id, say). Both carry { error: { id, message } }.
    const stored =
      response.status === 200 && isRecord(response.body) ? FlowErrorFromJSON(response.body) : response.body;
    const errorId = kratosErrorId(stored);
    const known = errorId ? byErrorId.get(errorId) : undefined;
    return {
      ...(known ?? { title: generic.title, detail: kratosErrorMessage(stored) ?? generic.detail }),
      reference: params.id,
    };
  }
  return byErrorId.get(params.reason ?? "") ?? generic;
}
