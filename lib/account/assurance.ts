import "server-only";
import type { Session } from "@ory/kratos-client-fetch";
import { kratosAdmin } from "../kratos/client";
import { whoami } from "../kratos/whoami";
import { loginFor } from "../flows/login-url";
import { isRecord } from "../kratos/errors";

/** A second factor Kratos offers: an authenticator app, backup codes or a security key. */
export type SecondFactor = "totp" | "lookup_secret" | "webauthn";

/**
 * The second factors an identity's credentials (Kratos's admin view, with
 * WebAuthn's configuration included) offer: TOTP, backup codes, and security
 * keys that are not passwordless ones (a passkey is a first factor).
 */
export function secondFactorsOf(credentials: unknown): SecondFactor[] {
  if (!isRecord(credentials)) return [];
  const webauthn = credentials.webauthn;
  const keys = isRecord(webauthn) && isRecord(webauthn.config) ? webauthn.config.credentials : undefined;
  return [
    ...(isRecord(credentials.totp) ? (["totp"] as const) : []),
    ...(isRecord(credentials.lookup_secret) ? (["lookup_secret"] as const) : []),
    ...(Array.isArray(keys) && keys.some((key) => !(isRecord(key) && key.is_passwordless === true))
      ? (["webauthn"] as const)
      : []),
  ];
}

/** The second factors of an identity, read through Kratos's admin API. */
export async function identitySecondFactors(identityId: string): Promise<SecondFactor[]> {
  const identity = await kratosAdmin(`/admin/identities/${encodeURIComponent(identityId)}?include_credential=webauthn`);
  if (identity.status !== 200 || !isRecord(identity.body)) {
    throw new Error(`Kratos admin answered ${identity.status} to an identity lookup`);
  }
  return secondFactorsOf(identity.body.credentials);
}

/** The highest level the identity can reach is the level its session has. */
export function meetsHighestAssurance(session: Session, secondFactorAvailable: boolean): boolean {
  return session.authenticator_assurance_level === "aal2" || !secondFactorAvailable;
}

export type AssuranceGate = { kind: "allowed"; session: Session } | { kind: "redirect"; location: string };

/**
 * For actions Kratos itself would let an aal1 session do (its public
 * `DELETE /sessions` only checks that a session exists; the admin API checks
 * nothing): a session, at the highest assurance level its identity has,
 * checked here whatever Kratos's `session.whoami.required_aal` says and
 * whether or not the route guard ran. `page` is where to come back to.
 */
export async function assuranceGate(cookie: string | null, page: string): Promise<AssuranceGate> {
  const result = await whoami(cookie);
  if (result.kind === "anonymous") return { kind: "redirect", location: loginFor(page) };
  if (result.kind === "redirect") return { kind: "redirect", location: result.location };
  const { session } = result;
  if (session.authenticator_assurance_level === "aal2") return { kind: "allowed", session };
  const identityId = session.identity?.id;
  if (!identityId) return { kind: "redirect", location: loginFor(page) };
  const secondFactors = await identitySecondFactors(identityId);
  if (meetsHighestAssurance(session, secondFactors.length > 0)) return { kind: "allowed", session };
  return { kind: "redirect", location: loginFor(page, { aal: "aal2" }) };
}
