// What a form post is aimed at, derived from what Kratos itself will read for
// the chosen method (never from a field Kratos ignores), and what Kratos's
// answer says happened. Pure: unit tests run it on recorded Kratos answers.
import { createHash } from "node:crypto";
import type { FlowKind } from "../flows/load-flow";
import { isRecord } from "../kratos/errors";
import { coalesce, firstValue, goCookie, normalizeIdentifier, parseKratosForm } from "./kratos-form";

/**
 * The account a post aims at, as a hashed key: `id:` an identifier or mail
 * address normalised as Kratos compares it, `session:` the session a second
 * factor or a settings change runs in. Undefined: nothing to guess or to mail.
 */
export type AttemptTarget = { key: string; counts: "wrong-answers" | "mails" };

function hash(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}

function identifierTarget(value: Buffer, counts: AttemptTarget["counts"]): AttemptTarget | undefined {
  const normalized = normalizeIdentifier(value);
  return normalized ? { key: `id:${hash(normalized)}`, counts } : undefined;
}

function sessionTarget(cookie: string | null, cookieName: string): AttemptTarget | undefined {
  const session = goCookie(cookie, cookieName);
  return session ? { key: `session:${hash(session)}`, counts: "wrong-answers" } : undefined;
}

/**
 * Login, by the method Kratos dispatches on (the first `method` value):
 * password reads `identifier`, else the legacy `password_identifier`
 * (selfservice/strategy/password/login.go); a code login reads `identifier`
 * (or, as a second factor, the session); TOTP, backup codes and a WebAuthn
 * second factor read the session. Recovery and verification mail `email`.
 * Settings run in the session. Registration creates an account: nothing to guess.
 */
export function attemptTarget(
  kind: FlowKind,
  body: string,
  cookie: string | null,
  cookieName: string,
): AttemptTarget | undefined {
  const form = parseKratosForm(body);
  // Go refuses the whole body: Kratos answers 400 without checking anything.
  if (!form) return undefined;
  const method = firstValue(form, "method").toString("latin1");
  switch (kind) {
    case "login":
      if (method === "password")
        return identifierTarget(coalesce(form, "identifier", "password_identifier"), "wrong-answers");
      if (method === "code") {
        return identifierTarget(firstValue(form, "identifier"), "wrong-answers") ?? sessionTarget(cookie, cookieName);
      }
      if (method === "totp" || method === "lookup_secret" || method === "webauthn") {
        return sessionTarget(cookie, cookieName);
      }
      return undefined;
    case "recovery":
    case "verification":
      // A post with a code checks the flow's code (Kratos allows a few tries per flow); one with an address mails it.
      if (firstValue(form, "code").length > 0) return undefined;
      return identifierTarget(firstValue(form, "email"), "mails");
    case "settings":
      return sessionTarget(cookie, cookieName);
    default:
      return undefined;
  }
}

/**
 * Kratos's message ids for a wrong secret (text/id.go): invalid credentials
 * (4000006), wrong TOTP (4000008), used or invalid backup code (4000012,
 * 4000016), and invalid codes for login, registration, recovery and
 * verification (4010008, 4040003, 4060006, 4070006) and recovery or
 * verification tokens (4060004, 4070001).
 */
export const wrongAnswerIds: ReadonlySet<number> = new Set([
  4000006, 4000008, 4000012, 4000016, 4010008, 4040003, 4060004, 4060006, 4070001, 4070006,
]);

/** Kratos's info ids for a mail sent: recovery link or code, verification link or code. */
export const mailSentIds: ReadonlySet<number> = new Set([1060002, 1060003, 1080001, 1080003]);

/** Every message id in a flow's `ui`: its own messages and each node's. */
export function messageIds(body: unknown): number[] {
  if (!isRecord(body) || !isRecord(body.ui)) return [];
  const ids: number[] = [];
  const collect = (messages: unknown) => {
    if (!Array.isArray(messages)) return;
    for (const message of messages) if (isRecord(message) && typeof message.id === "number") ids.push(message.id);
  };
  collect(body.ui.messages);
  if (Array.isArray(body.ui.nodes)) for (const node of body.ui.nodes) if (isRecord(node)) collect(node.messages);
  return ids;
}

/** What Kratos's answer means for the budgets: a wrong secret, a mail sent, a sign-in, or nothing to count. */
export type AttemptOutcome = "wrong-answer" | "mail-sent" | "signed-in" | "other";

export function attemptOutcome(kind: FlowKind, status: number, body: unknown): AttemptOutcome {
  const ids = messageIds(body);
  if (ids.some((id) => wrongAnswerIds.has(id))) return "wrong-answer";
  if (ids.some((id) => mailSentIds.has(id))) return "mail-sent";
  // A login that passed: 200 with the session, or (a second factor still due) Kratos's
  // 422 that sends the browser on to it.
  if (kind === "login" && (status === 200 || status === 422) && isRecord(body) && !isRecord(body.ui)) {
    return "signed-in";
  }
  return "other";
}
