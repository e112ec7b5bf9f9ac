import "server-only";
import { kratosPublicBytes } from "./client";

/** How long a copy is served before it is fetched again (in the background). */
export const webAuthnScriptRefreshMs = 5 * 60_000;

/** Seconds a browser is asked to wait when no copy has ever been fetched. */
export const webAuthnScriptRetryAfterSeconds = 10;

type Copy = { bytes: Uint8Array<ArrayBuffer>; fetchedAt: number };

function scriptResponse(bytes: Uint8Array<ArrayBuffer>): Response {
  return new Response(bytes, {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}

/**
 * Kratos's /.well-known/ory/webauthn.js, relayed from our origin: Kratos sends
 * CORS headers only when CORS is enabled, and the node asks for crossorigin
 * loading with an integrity hash, so a cross-origin load would fail. The bytes
 * are unchanged, so the integrity hash still matches.
 *
 * Kept in memory after the first good fetch and served from there, so a page
 * load costs Kratos nothing and a Kratos that is down does not break pages
 * that already work. After `refreshMs` the next request triggers a background
 * refresh (a Kratos upgrade changes the script and its hash); a failed refresh
 * keeps the old copy. Never fetched and Kratos down: 503 with Retry-After.
 */
export function createWebAuthnScriptRelay(
  fetchScript: () => Promise<Response>,
  { refreshMs = webAuthnScriptRefreshMs, now = () => Date.now() } = {},
): () => Promise<Response> {
  let copy: Copy | undefined;
  let pending: Promise<Copy | undefined> | undefined;

  const refresh = (): Promise<Copy | undefined> => {
    pending ??= (async () => {
      try {
        const response = await fetchScript();
        if (!response.ok) return copy;
        copy = { bytes: new Uint8Array(await response.arrayBuffer()), fetchedAt: now() };
        return copy;
      } catch {
        return copy;
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  };

  return async () => {
    if (copy) {
      if (now() - copy.fetchedAt >= refreshMs) void refresh();
      return scriptResponse(copy.bytes);
    }
    const fetched = await refresh();
    if (fetched) return scriptResponse(fetched.bytes);
    return new Response("// Kratos's WebAuthn script could not be fetched yet.\n", {
      status: 503,
      headers: {
        "Content-Type": "text/javascript; charset=utf-8",
        "Retry-After": String(webAuthnScriptRetryAfterSeconds),
        "Cache-Control": "no-store",
      },
    });
  };
}

// On globalThis: `next dev` re-evaluates modules when files change.
const holder = globalThis as typeof globalThis & { webAuthnScript?: () => Promise<Response> };

/** The app's relay of Kratos's WebAuthn script (see createWebAuthnScriptRelay). */
export function kratosWebAuthnScript(): Promise<Response> {
  holder.webAuthnScript ??= createWebAuthnScriptRelay(async () => {
    // Through the one Kratos gateway; a KratosUnavailableError rejects, as a failed fetch does.
    const script = await kratosPublicBytes("/.well-known/ory/webauthn.js");
    return new Response(script.body, { status: script.status });
  });
  return holder.webAuthnScript();
}
