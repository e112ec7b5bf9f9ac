import { isFlowKind } from "@/lib/flows/load-flow";
import { submitFlow } from "@/lib/http/flow-relay";
import { isJsonPost, relayJsonSubmission } from "@/lib/http/json-flow-relay";

export const dynamic = "force-dynamic";

/**
 * Every flow form posts here (lib/http/flow-relay.ts); so do Kratos's JSON
 * clients where Kratos's base_url is this origin (lib/http/json-flow-relay.ts).
 */
export async function POST(request: Request, context: RouteContext<"/self-service/[flow]">) {
  const { flow } = await context.params;
  if (!isFlowKind(flow)) return new Response("Not found", { status: 404 });
  return isJsonPost(request) ? relayJsonSubmission(flow, request) : submitFlow(flow, request);
}
