import "server-only";
// Who the caller of the JSON API is: Kratos's whoami with the browser's cookies
// or the native app's token, turned into the seed's user shape.
import type { Identity, Session } from "@ory/kratos-client-fetch";
import type { AppUser } from "../app-db/users";
import { kratosPublic } from "../kratos/client";
import { isRecord, kratosErrorId } from "../kratos/errors";
import { apiClientOf } from "./client-kind";
import { fail, invalidSession } from "./envelope";

export type SessionLookup =
  { kind: "session"; session: Session & { identity: Identity } } | { kind: "refused"; response: Response };

/**
 * The caller's active session, or the answer that refuses the request. The
 * browser's whole Cookie header goes to Kratos: the seed copies the cookie's
 * value into X-Session-Token, but a browser session cookie is not a session
 * token (Kratos encodes and signs it), so that only works for native tokens.
 */
export async function callerSession(request: Request): Promise<SessionLookup> {
  const client = apiClientOf(request.headers);
  if (client.kind === "native" && !client.sessionToken) return { kind: "refused", response: invalidSession() };
  if (client.kind === "browser" && !client.cookie) return { kind: "refused", response: invalidSession() };
  const response = await kratosPublic(
    "/sessions/whoami",
    client.kind === "browser" ? { cookie: client.cookie } : { sessionToken: client.sessionToken },
  );
  const body = response.body;
  if (response.status === 200 && isRecord(body) && body.active === true && isRecord(body.identity)) {
    return { kind: "session", session: body as unknown as Session & { identity: Identity } };
  }
  // A session that still needs its second factor: say so, with where to get it.
  if (response.status === 403 && kratosErrorId(body) === "session_aal2_required") {
    const redirect =
      isRecord(body) && typeof body.redirect_browser_to === "string" ? body.redirect_browser_to : undefined;
    return {
      kind: "refused",
      response: fail(403, "Sign in with your second factor to continue.", {
        code: "session_aal2_required",
        ...(redirect && { redirect_browser_to: redirect }),
      }),
    };
  }
  return { kind: "refused", response: invalidSession() };
}

/** The user as the seed's whoami shows them. */
export type ApiUser = {
  id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  username: string | null;
  authenticated: true;
  /** The app's own record (made by the user-created web hook), or null if it has none yet. */
  app_user: { created_at: string; verified_at: string | null } | null;
};

const text = (value: unknown): string | null => (typeof value === "string" ? value : null);

export function apiUserOf(identity: Identity, record: AppUser | undefined): ApiUser {
  const traits = isRecord(identity.traits) ? identity.traits : {};
  const name = isRecord(traits.name) ? traits.name : {};
  return {
    id: identity.id,
    email: text(traits.email),
    first_name: text(name.first) ?? text(traits.first_name),
    last_name: text(name.last) ?? text(traits.last_name),
    username: text(traits.username),
    authenticated: true,
    app_user: record ? { created_at: record.created_at, verified_at: record.verified_at } : null,
  };
}
