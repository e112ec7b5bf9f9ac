import "server-only";
import { seeOther } from "../http/cookie-relay";
import {
  attemptOf,
  flowInitQuery,
  flowPagePath,
  noticeOf,
  parseFlow,
  type FlowKind,
  type SearchParams,
} from "./load-flow";
import { kratosPublic } from "../kratos/client";
import { hasBrowserRedirect, kratosErrorId } from "../kratos/errors";
import { isFollowableRedirect } from "../http/kratos-redirect";
import { requestClientAddress } from "../http/rate-limit";
import { loginFor } from "./login-url";

/**
 * Starts a fresh flow from our server and sends the browser to it, relaying
 * Kratos's new CSRF cookie byte for byte. `params` carries return_to and the
 * flow's start parameters (aal, refresh, …), `attempt` and `notice`.
 */
export async function restartFlow(kind: FlowKind, request: Request, params: SearchParams): Promise<Response> {
  const notice = noticeOf(params);
  const attempt = attemptOf(params);
  const query = flowInitQuery(kind, params);
  const started = await kratosPublic(`/self-service/${kind}/browser?${query.toString()}`, {
    cookie: request.headers.get("cookie"),
    userAgent: request.headers.get("user-agent"),
    forwardedFor: requestClientAddress(request),
  });
  const flowId = started.status === 200 ? parseFlow(kind, started.body).id : undefined;
  if (typeof flowId === "string") {
    const page = new URLSearchParams({ flow: flowId });
    if (notice) page.set("notice", notice);
    if (attempt > 0) page.set("attempt", String(attempt));
    return seeOther(`/${kind}?${page.toString()}`, started.setCookies);
  }
  if (kratosErrorId(started.body) === "session_already_available") {
    return seeOther(query.get("return_to") ?? "/", started.setCookies);
  }
  if (hasBrowserRedirect(started.body) && isFollowableRedirect(started.body.redirect_browser_to)) {
    return seeOther(started.body.redirect_browser_to, started.setCookies);
  }
  if (started.status === 401) return seeOther(loginFor(flowPagePath(kind)), started.setCookies);
  console.warn(
    `Kratos answered ${started.status} (${kratosErrorId(started.body) ?? "no error id"}) to a ${kind} restart`,
  );
  return seeOther("/error?reason=unavailable", started.setCookies);
}
