import "server-only";
import { env } from "../config/env";

/**
 * Kratos's /.well-known/ory/webauthn.js, relayed from our origin: Kratos sends
 * CORS headers only when CORS is enabled, and the node asks for crossorigin
 * loading with an integrity hash, so a cross-origin load would fail. The bytes
 * are unchanged, so the integrity hash still matches.
 */
export async function kratosWebAuthnScript(): Promise<Response> {
  const response = await fetch(new URL("/.well-known/ory/webauthn.js", env().kratosPublicUrl), {
    cache: "no-store",
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok)
    return new Response("// unavailable", { status: 502, headers: { "Content-Type": "text/javascript" } });
  return new Response(await response.arrayBuffer(), {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
