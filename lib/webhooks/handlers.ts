import "server-only";
// The web hooks Kratos calls on this app (kratos/kratos.yml): after a
// registration, the app records the new identity; after a verification, it
// marks the record verified. Kratos retries a hook that fails, and may deliver
// one twice, so both are upserts.
import { env } from "../config/env";
import { appDatabase } from "../app-db/database";
import { markUserVerified, recordUser } from "../app-db/users";
import { readLimitedText } from "../http/form-body";
import { kratosIdPattern } from "../kratos/ids";
import { isRecord } from "../kratos/errors";
import { isWebhookKey, webhookKeyHeader } from "./api-key";

const json = (status: number, body: unknown) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/** The identity in a hook body (kratos/hooks/identity.jsonnet): its id and email. */
export type HookIdentity = { id: string; email: string | null; verified: boolean };

export function hookIdentityOf(body: unknown): HookIdentity | undefined {
  const identity = isRecord(body) && isRecord(body.identity) ? body.identity : undefined;
  if (!identity || typeof identity.id !== "string" || !kratosIdPattern.test(identity.id)) return undefined;
  const traits = isRecord(identity.traits) ? identity.traits : {};
  const addresses = Array.isArray(identity.verifiable_addresses) ? identity.verifiable_addresses : [];
  return {
    id: identity.id.toLowerCase(),
    email: typeof traits.email === "string" ? traits.email : null,
    verified: addresses.some((address) => isRecord(address) && address.verified === true),
  };
}

/**
 * Whether a request came in by the app's public name (through the Ingress or the
 * TLS proxy). Kratos calls the hooks by an internal address (a Service, loopback),
 * so a hook addressed to the public name is refused as if the path did not exist,
 * even with the right key: a leaked key must not be usable from the internet.
 */
export function addressedToPublicName(headers: Headers, appUrl: URL): boolean {
  const publicHost = appUrl.host.toLowerCase();
  return [headers.get("host"), headers.get("x-forwarded-host")].some(
    (value) => value !== null && value.split(",").some((host) => host.trim().toLowerCase() === publicHost),
  );
}

async function readHook(request: Request): Promise<{ identity: HookIdentity } | { response: Response }> {
  if (addressedToPublicName(request.headers, env().appUrl)) {
    return { response: json(404, { success: false, error: "Not found" }) };
  }
  if (!isWebhookKey(request.headers.get(webhookKeyHeader), env().webhookApiKey)) {
    return { response: json(401, { success: false, error: "Unknown web hook key" }) };
  }
  const text = await readLimitedText(request, 256 * 1024);
  let body: unknown;
  try {
    body = text === undefined ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  const identity = hookIdentityOf(body);
  if (!identity) return { response: json(400, { success: false, error: "The body names no identity" }) };
  return { identity };
}

/** POST /internal/auth/user-created */
export async function userCreated(request: Request): Promise<Response> {
  const read = await readHook(request);
  if ("response" in read) return read.response;
  const created = await recordUser((await appDatabase()).query, read.identity.id, read.identity.email);
  return json(200, { success: true, created });
}

/** POST /internal/auth/user-verified */
export async function userVerified(request: Request): Promise<Response> {
  const read = await readHook(request);
  if ("response" in read) return read.response;
  // Kratos calls this after any verification flow succeeds; the body says which address it was.
  if (!read.identity.verified) return json(200, { success: true, verified: false });
  await markUserVerified((await appDatabase()).query, read.identity.id, read.identity.email);
  return json(200, { success: true, verified: true });
}
