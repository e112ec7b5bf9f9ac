export const dynamic = "force-dynamic";

/**
 * Liveness of this app alone; Kratos has its own health endpoints. The
 * `service` field lets the stack tell our answer from another program's on the
 * same port (scripts/stack-preflight.mjs).
 */
export function GET() {
  return Response.json(
    { status: "ok", service: "kratos-selfservice-ui" },
    { headers: { "Cache-Control": "no-store" } },
  );
}
