import "server-only";
import {
  LoginFlowFromJSON,
  RecoveryFlowFromJSON,
  RegistrationFlowFromJSON,
  SettingsFlowFromJSON,
  VerificationFlowFromJSON,
  type LoginFlow,
  type RecoveryFlow,
  type RegistrationFlow,
  type SettingsFlow,
  type VerificationFlow,
} from "@ory/kratos-client-fetch";
import { env } from "../config/env";
import { kratosPublic, type KratosResponse } from "../kratos/client";
import { hasBrowserRedirect, kratosErrorId } from "../kratos/errors";
import { kratosIdPattern } from "../kratos/ids";
import { safeReturnTo } from "../http/return-to";
import { isFollowableRedirect } from "../http/kratos-redirect";
import { loginFor } from "./login-url";

export type FlowKind = "login" | "registration" | "verification" | "recovery" | "settings";

type FlowOf = {
  login: LoginFlow;
  registration: RegistrationFlow;
  verification: VerificationFlow;
  recovery: RecoveryFlow;
  settings: SettingsFlow;
};

const flowFromJson: { [K in FlowKind]: (json: unknown) => FlowOf[K] } = {
  login: LoginFlowFromJSON,
  registration: RegistrationFlowFromJSON,
  verification: VerificationFlowFromJSON,
  recovery: RecoveryFlowFromJSON,
  settings: SettingsFlowFromJSON,
};

/** A flow of `kind` as Kratos sent it (a 200's body), through the SDK's parser. */
export function parseFlow<K extends FlowKind>(kind: K, json: unknown): FlowOf[K] {
  return flowFromJson[kind](json);
}

// Query parameters each flow's browser start endpoint accepts from our pages.
const initParams: Record<FlowKind, readonly string[]> = {
  login: ["aal", "refresh", "via", "login_challenge", "organization"],
  registration: ["login_challenge", "organization"],
  verification: [],
  recovery: [],
  settings: [],
};

export const flowKinds: readonly FlowKind[] = ["login", "registration", "verification", "recovery", "settings"];

export function isFlowKind(value: string): value is FlowKind {
  return (flowKinds as readonly string[]).includes(value);
}

/** Our page for a flow kind, optionally showing one flow. */
export function flowPagePath(kind: FlowKind, flowId?: string): string {
  return flowId ? `/${kind}?flow=${encodeURIComponent(flowId)}` : `/${kind}`;
}

export type SearchParams = Record<string, string | string[] | undefined>;

function firstParam(params: SearchParams, name: string): string | undefined {
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The query a flow's start endpoint accepts: a checked return_to and the flow's own parameters. */
export function flowInitQuery(kind: FlowKind, params: SearchParams): URLSearchParams {
  const query = new URLSearchParams();
  const { appUrl, returnToOrigins } = env();
  const returnTo = safeReturnTo(firstParam(params, "return_to"), appUrl, returnToOrigins);
  if (returnTo) query.set("return_to", returnTo);
  for (const name of initParams[kind]) {
    const value = firstParam(params, name);
    if (value) query.set(name, value);
  }
  return query;
}

/**
 * Where a page without a flow sends the browser: our server starts the flow
 * and relays Kratos's CSRF cookie (lib/flows/flow-restart.ts), so a Kratos that does
 * not answer gets our "try again" page instead of the browser's own error.
 */
export function flowStartPath(kind: FlowKind, params: SearchParams): string {
  return restartPath(kind, flowInitQuery(kind, params));
}

function restartPath(kind: FlowKind, query: URLSearchParams): string {
  const search = query.toString();
  return `/self-service/${kind}/restart${search ? `?${search}` : ""}`;
}

/** Why a flow was restarted; the page shows a notice for it. */
export type FlowNotice = "csrf" | "expired";

/** The restart notice `?notice=` names, if it is one of ours. */
export function noticeOf(params: SearchParams): FlowNotice | undefined {
  const notice = firstParam(params, "notice");
  return notice === "csrf" || notice === "expired" ? notice : undefined;
}

/**
 * How many times in a row a page restarts a broken flow by itself. A browser
 * that refuses cookies would otherwise bounce between us and Kratos forever.
 */
export const maxAutomaticRestarts = 2;

/** How many automatic restarts led to this page (`?attempt=`). */
export function attemptOf(params: SearchParams): number {
  const attempt = Number(firstParam(params, "attempt") ?? 0);
  return Number.isInteger(attempt) && attempt > 0 ? attempt : 0;
}

/** Where a page sends the browser when its flow cannot be loaded: a restart, or the error page once restarts run out. */
export function restartLocation(kind: FlowKind, params: SearchParams, notice: FlowNotice): string {
  const attempt = attemptOf(params) + 1;
  if (attempt > maxAutomaticRestarts) {
    return `/error?reason=${notice === "csrf" ? "security_csrf_violation" : "self_service_flow_expired"}`;
  }
  const query = flowInitQuery(kind, params);
  query.set("attempt", String(attempt));
  query.set("notice", notice);
  return restartPath(kind, query);
}

export type FlowLoad<K extends FlowKind> = { kind: "flow"; flow: FlowOf[K] } | { kind: "redirect"; location: string };

/**
 * Loads the flow named by `?flow=` with the browser's cookies, or says where
 * to send the browser instead: a fresh flow when there is none or it expired,
 * is unknown or fails its CSRF check; the login when settings needs a session.
 */
export async function loadFlow<K extends FlowKind>(
  kind: K,
  params: SearchParams,
  cookie: string | null,
): Promise<FlowLoad<K>> {
  const flowId = firstParam(params, "flow");
  if (!flowId || !kratosIdPattern.test(flowId)) return { kind: "redirect", location: flowStartPath(kind, params) };

  const response = await kratosPublic(`/self-service/${kind}/flows?id=${encodeURIComponent(flowId)}`, { cookie });
  return flowLoadOf(kind, params, response);
}

/** Where a redirect Kratos asks for goes when it leads off the allow-list. */
export const unfollowableRedirectPath = "/error?reason=self_service_flow_return_to_forbidden";

/** Turns Kratos's answer to a flow fetch into the flow, or where to send the browser instead. */
export function flowLoadOf<K extends FlowKind>(
  kind: K,
  params: SearchParams,
  response: Pick<KratosResponse, "status" | "body">,
): FlowLoad<K> {
  if (response.status === 200) return { kind: "flow", flow: parseFlow(kind, response.body) };
  // Followed only to the places every other redirect may lead (lib/http/kratos-redirect.ts).
  if (hasBrowserRedirect(response.body)) {
    const location = response.body.redirect_browser_to;
    return { kind: "redirect", location: isFollowableRedirect(location) ? location : unfollowableRedirectPath };
  }
  if (response.status === 401) return { kind: "redirect", location: loginFor(flowPagePath(kind)) };
  if (response.status === 403 || response.status === 404 || response.status === 410 || response.status === 400) {
    const notice = kratosErrorId(response.body) === "security_csrf_violation" ? "csrf" : "expired";
    return { kind: "redirect", location: restartLocation(kind, params, notice) };
  }
  throw new Error(
    `Kratos answered ${response.status} (${kratosErrorId(response.body) ?? "no error id"}) for a ${kind} flow`,
  );
}
