import "server-only";
import { KratosUnavailableError, kratosPublicBytes } from "./client";

/**
 * Kratos's /.well-known/ory/webauthn.js, relayed from our origin: Kratos sends
 * CORS headers only when CORS is enabled, and the node asks for crossorigin
 * loading with an integrity hash, so a cross-origin load would fail. The bytes
 * are unchanged, so the integrity hash still matches.
 */
export async function kratosWebAuthnScript(): Promise<Response> {
  const unavailable = new Response("// unavailable", { status: 502, headers: { "Content-Type": "text/javascript" } });
  let script;
  try {
    script = await kratosPublicBytes("/.well-known/ory/webauthn.js");
  } catch (error) {
    if (error instanceof KratosUnavailableError) return unavailable;
    throw error;
  }
  if (script.status < 200 || script.status > 299) return unavailable;
  return new Response(script.body, {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
