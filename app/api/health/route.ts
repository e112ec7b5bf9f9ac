export const dynamic = "force-dynamic";

/** Liveness of this app alone; Kratos has its own health endpoints. */
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
