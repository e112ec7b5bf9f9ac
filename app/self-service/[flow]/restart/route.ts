import type { NextRequest } from "next/server";
import { restartFlow } from "@/lib/flows/flow-restart";
import { isFlowKind } from "@/lib/flows/load-flow";
import { orUnavailableResponse } from "@/lib/http/unavailable";

export const dynamic = "force-dynamic";

/** Starts a fresh flow after a broken one; see lib/flows/flow-restart.ts. */
export async function GET(request: NextRequest, context: RouteContext<"/self-service/[flow]/restart">) {
  const { flow } = await context.params;
  if (!isFlowKind(flow)) return new Response("Not found", { status: 404 });
  return orUnavailableResponse(request, request.nextUrl.pathname + request.nextUrl.search, () =>
    restartFlow(flow, request, Object.fromEntries(request.nextUrl.searchParams)),
  );
}
