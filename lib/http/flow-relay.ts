import "server-only";
import type { ContinueWith } from "@ory/kratos-client-fetch";
import { seeOther } from "./cookie-relay";
import { env } from "../config/env";
import { kratosPublic, type KratosResponse } from "../kratos/client";
import {
  hasBrowserRedirect,
  isFlowExpired,
  isKratosError,
  isRecord,
  isSmsRegistrationCodeFailure,
  kratosErrorId,
} from "../kratos/errors";
import { flowPagePath, type FlowKind, type FlowNotice } from "../flows/load-flow";
import { loginFor } from "../flows/login-url";
import { kratosIdPattern } from "../kratos/ids";
import { restartFlow } from "../flows/flow-restart";
import { isFollowableRedirect } from "./kratos-redirect";
import { checkRateLimit, requestClientAddress } from "./rate-limit";
import { readSameOriginFormBody } from "./same-origin";
import { tooManyAttemptsResponse } from "./status-page";
import { localeOfHeaders } from "../i18n/locales";
import { orUnavailableResponse } from "./unavailable";

/** Form bodies larger than this are refused before they reach Kratos. */
export const maxFormBytes = 64 * 1024;

/**
 * The flow screen a `continue_with` list asks to show, if any. With a phone
 * number, Kratos makes one verification flow per unverified address after
 * sign-up, in no fixed order (Kratos v1.3.1 collects the addresses by walking
 * the schema's properties, a Go map): the mail's comes first, so that the
 * screen is always the same; the number is verified by an SMS sign-in or from settings.
 */
function shownFlowLocation(continueWith: ContinueWith[]): string | undefined {
  const verifications = continueWith.filter((item) => item.action === "show_verification_ui");
  const verification = verifications.find((item) => item.flow.verifiable_address?.includes("@")) ?? verifications[0];
  if (verification) return flowPagePath("verification", verification.flow.id);
  for (const item of continueWith) {
    if (item.action === "show_settings_ui") return flowPagePath("settings", item.flow.id);
    if (item.action === "show_recovery_ui") return flowPagePath("recovery", item.flow.id);
  }
  return undefined;
}

/** Kratos's `continue_with` list on `holder`: a success's body, or an error's details. */
function continueWithOf(holder: unknown): ContinueWith[] {
  return (isRecord(holder) && Array.isArray(holder.continue_with) ? holder.continue_with : []) as ContinueWith[];
}

/** Where a successful submission continues, following Kratos's `continue_with`. */
function continueLocation(kind: FlowKind, flowId: string, body: unknown): string {
  const continueWith = continueWithOf(body);
  const shown = shownFlowLocation(continueWith);
  if (shown) return shown;
  for (const item of continueWith) {
    if (item.action === "redirect_browser_to" && isFollowableRedirect(item.redirect_browser_to))
      return item.redirect_browser_to;
  }
  // Verification, recovery and settings answer with the updated flow: show its new state.
  if (kind === "verification" || kind === "recovery" || kind === "settings") return flowPagePath(kind, flowId);
  return "/";
}

/**
 * The id of the fresh flow Kratos redirects to after replacing an expired one of the same kind.
 * Only the id is taken, so the origin (Kratos's base_url, not always our address for it) does not matter.
 */
function replacementFlowId(kind: FlowKind, location: string | null): string | undefined {
  if (!location || !URL.canParse(location, env().kratosPublicUrl)) return undefined;
  const url = new URL(location, env().kratosPublicUrl);
  const id = url.searchParams.get("id");
  return url.pathname.endsWith(`/self-service/${kind}/flows`) && id && kratosIdPattern.test(id) ? id : undefined;
}

/** Where the browser goes after a submission: a location, or a fresh flow with a notice. */
export type NextStep = { location: string } | { restart: FlowNotice };

/** Turns Kratos's answer to a submission into the browser's next step. */
export function nextStep(kind: FlowKind, flowId: string, response: KratosResponse): NextStep {
  const { status, body } = response;
  if (status === 200) return { location: continueLocation(kind, flowId, body) };
  if (isFlowExpired(body)) return { location: flowPagePath(kind, body.use_flow_id) };
  // Kratos v1.3.1 answers a JSON post to an expired recovery or verification flow with a 303 to
  // the JSON of a fresh flow (`/self-service/<flow>/flows?id=`), which holds its "expired" message
  // and the old flow's return_to.
  const replacement = status === 303 ? replacementFlowId(kind, response.location) : undefined;
  if (replacement) return { location: flowPagePath(kind, replacement) };
  // An expired recovery code: a 410 whose details' continue_with shows the fresh flow Kratos made.
  const shown = isKratosError(body) ? shownFlowLocation(continueWithOf(body.error.details)) : undefined;
  if (shown) return { location: shown };
  const errorId = kratosErrorId(body);
  if (errorId === "security_csrf_violation") return { restart: "csrf" };
  if (errorId === "session_already_available") return { location: "/" };
  if (hasBrowserRedirect(body) && isFollowableRedirect(body.redirect_browser_to))
    return { location: body.redirect_browser_to };
  if (status === 401) return { location: loginFor(flowPagePath(kind)) };
  // Kratos v1.3.1 sends a sign-up code to every code identifier and has no SMS template for it:
  // with a phone number it answers 500 before storing anything (ARCHITECTURE.md, "Phone numbers").
  if (kind === "registration" && status === 500 && isSmsRegistrationCodeFailure(body))
    return { location: "/error?reason=registration_code_by_sms" };
  // A failed web hook after sign-up (measured: the identity is stored, the session withheld).
  if (kind === "registration" && status >= 500) return { location: "/error?reason=registration_incomplete" };
  // A 400 with the flow: Kratos has stored the messages and the values typed (never secrets) in it.
  if (status === 400 && isRecord(body) && typeof body.id === "string") return { location: flowPagePath(kind, body.id) };
  // 404: the flow id is unknown to Kratos (deleted, or never one of its flows).
  if (status === 410 || status === 404) return { restart: "expired" };
  // Only the status and Kratos's error id are logged: bodies can hold what the user typed.
  console.warn(`Kratos answered ${status} (${errorId ?? "no error id"}) to a ${kind} submission`);
  return { location: errorId ? `/error?reason=${encodeURIComponent(errorId)}` : "/error" };
}

/**
 * Forwards a browser's form submission for a flow to Kratos with the browser's
 * cookies, and answers with a 303 that carries Kratos's Set-Cookie headers
 * byte for byte. Works the same with and without JavaScript.
 */
export async function submitFlow(kind: FlowKind, request: Request): Promise<Response> {
  const flowId = new URL(request.url).searchParams.get("flow");
  if (!flowId || !kratosIdPattern.test(flowId)) return seeOther(flowPagePath(kind));
  // Kratos checks its CSRF token; this refuses cross-site posts before they cost a Kratos call.
  const read = await readSameOriginFormBody(request, env().appUrl.origin, {
    maxBytes: maxFormBytes,
    allowUnlabelled: true,
  });
  if (read.kind === "refused") return read.response;
  const body = read.text;

  const flowPage = flowPagePath(kind, flowId);
  const cookie = request.headers.get("cookie");
  const limit = await checkRateLimit({ kind, forwardedFor: request.headers.get("x-forwarded-for"), cookie, body });
  if (!limit.allowed) {
    return tooManyAttemptsResponse(
      limit.retryAfterSeconds,
      flowPage,
      request.headers.get("x-nonce") ?? undefined,
      localeOfHeaders(request.headers),
    );
  }

  return orUnavailableResponse(request, flowPage, async () => {
    const response = await kratosPublic(`/self-service/${kind}?flow=${encodeURIComponent(flowId)}`, {
      method: "POST",
      cookie,
      body,
      contentType: "application/x-www-form-urlencoded",
      forwardedFor: requestClientAddress(request),
      userAgent: request.headers.get("user-agent"),
    });
    // Counted only now: what Kratos answered, for the account Kratos checked.
    await limit.record(response.status, response.body);
    const next = nextStep(kind, flowId, response);
    if ("restart" in next) return restartFlow(kind, request, { notice: next.restart });
    return seeOther(next.location, response.setCookies);
  });
}
