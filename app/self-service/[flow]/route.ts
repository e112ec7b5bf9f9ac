import { isFlowKind } from "@/lib/flows";
import { submitFlow } from "@/lib/submit-flow";

export const dynamic = "force-dynamic";

/** Every flow form posts here; see lib/submit-flow.ts. */
export async function POST(request: Request, context: RouteContext<"/self-service/[flow]">) {
  const { flow } = await context.params;
  if (!isFlowKind(flow)) return new Response("Not found", { status: 404 });
  return submitFlow(flow, request);
}
