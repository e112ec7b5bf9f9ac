import "server-only";
import type { Session } from "@ory/kratos-client-fetch";
import { seeOther } from "../http/cookie-relay";
import { env } from "../config/env";
import { kratosAdmin } from "../kratos/client";
import { readSameOriginForm } from "../http/same-origin";
import { endSession, logoutToken } from "../kratos/logout-flow";
import { traitEmail } from "../identity/traits";
import { loginFor } from "../flows/login-url";
import { assuranceGate } from "./assurance";

/**
 * Whether the session signed in recently enough for a privileged action, as
 * Kratos judges its own (authenticated_at within the window). A session
 * without authenticated_at, or one from the future, is not fresh.
 */
export function isFreshSession(authenticatedAt: Date | undefined, now: Date, maxAgeSeconds: number): boolean {
  if (!authenticatedAt || Number.isNaN(authenticatedAt.getTime())) return false;
  const age = now.getTime() - authenticatedAt.getTime();
  return age >= -5_000 && age <= maxAgeSeconds * 1000;
}

/** The typed confirmation must be the account's email, ignoring case only. */
export function confirmationMatches(typed: string | null, email: string | undefined): boolean {
  if (!email || typed === null) return false;
  return typed.toLowerCase() === email.toLowerCase();
}

/** Signing in again (Kratos's refresh login), then back to the deletion page. */
export function reauthLocation(appUrl: URL): string {
  return loginFor("/account/delete", { refresh: true, appUrl });
}

/**
 * Expires Kratos's session cookie, written raw like Kratos's own (see
 * lib/http/cookie-relay.ts). Path=/ mirrors Kratos's default `session.cookie.path`,
 * which kratos/kratos.yml keeps; a cookie is only replaced when name, path and
 * domain match, so the domain is Kratos's `session.cookie.domain` (KRATOS_COOKIE_DOMAIN).
 */
export function expiredSessionCookie(https: boolean, cookie: { name: string; domain?: string }): string {
  const domain = cookie.domain ? `; Domain=${cookie.domain}` : "";
  return `${cookie.name}=; Path=/${domain}; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; SameSite=Lax${https ? "; Secure" : ""}`;
}

/** Whether Kratos's Set-Cookie headers already clear (or replace) the session cookie. */
export function clearsSessionCookie(setCookies: readonly string[], name: string): boolean {
  return setCookies.some((header) => header.trimStart().startsWith(`${name}=`));
}

/** What the deletion page should do for this browser before showing the form. */
export type DeletionGate =
  { kind: "allowed"; session: Session; email: string | undefined } | { kind: "redirect"; location: string };

/** Checks there is a session, and a fresh one (the page and the POST handler both ask). */
export async function deletionGate(cookie: string | null, now = new Date()): Promise<DeletionGate> {
  const { appUrl, privilegedSessionMaxAgeSeconds } = env();
  // The assurance level is checked here, not left to the route guard: the admin API checks nothing.
  const gate = await assuranceGate(cookie, "/account/delete");
  if (gate.kind === "redirect") return gate;
  if (!isFreshSession(gate.session.authenticated_at, now, privilegedSessionMaxAgeSeconds)) {
    return { kind: "redirect", location: reauthLocation(appUrl) };
  }
  return { kind: "allowed", session: gate.session, email: traitEmail(gate.session.identity?.traits) };
}

/**
 * Deletes the signed-in identity after a same-origin post with the typed
 * email, then logs the browser out and sends it to /account/deleted.
 */
export async function deleteAccount(request: Request): Promise<Response> {
  const { appUrl, sessionCookie } = env();
  const read = await readSameOriginForm(request, appUrl.origin);
  if (read.kind === "refused") return read.response;
  const cookie = request.headers.get("cookie");
  // Freshness is checked again here: the page's check says nothing about this post.
  const gate = await deletionGate(cookie);
  if (gate.kind === "redirect") return seeOther(gate.location);
  if (!confirmationMatches(read.form.get("confirm_email"), gate.email)) {
    return seeOther("/account/delete?error=confirmation");
  }
  const identityId = gate.session.identity?.id;
  if (!identityId) return seeOther("/account/delete?error=failed");

  // The logout token must be asked for while the session still exists.
  const token = await logoutToken(cookie);

  const deleted = await kratosAdmin(`/admin/identities/${encodeURIComponent(identityId)}`, { method: "DELETE" });
  if (deleted.status !== 204 && deleted.status !== 404) {
    console.warn(`Kratos admin answered ${deleted.status} to an identity deletion`);
    return seeOther("/account/delete?error=failed");
  }

  // The identity's sessions went with it; Kratos may still clear its cookie on logout.
  let setCookies: string[] = [];
  if (token !== undefined) {
    try {
      setCookies = (await endSession(token, cookie)).setCookies;
    } catch {
      // The account is gone either way; the cookie is cleared below.
    }
  }
  if (!clearsSessionCookie(setCookies, sessionCookie.name))
    setCookies = [...setCookies, expiredSessionCookie(appUrl.protocol === "https:", sessionCookie)];
  return seeOther("/account/deleted", setCookies);
}
