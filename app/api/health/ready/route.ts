import { readiness } from "@/lib/ops/readiness";

export const dynamic = "force-dynamic";

/**
 * Readiness: this instance has started (environment read, database open,
 * metrics listening) and is not shutting down. Not Kratos, not Redis: why in
 * ARCHITECTURE.md, "Liveness and readiness". /api/health is liveness.
 */
export function GET() {
  const state = readiness();
  const ready = state === "ready";
  return Response.json(
    { status: ready ? "ok" : state, service: "kratos-selfservice-ui" },
    { status: ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
