import { isFlowKind } from "@/lib/flows/load-flow";
import { submitFlow } from "@/lib/http/flow-relay";

export const dynamic = "force-dynamic";

/** Every flow form posts here; see lib/http/flow-relay.ts. */
export async function POST(request: Request, context: RouteContext<"/self-service/[flow]">) {
  const { flow } = await context.params;
  if (!isFlowKind(flow)) return new Response("Not found", { status: 404 });
  return submitFlow(flow, request);
}
