import { startFlow, submitFlowJson } from "@/lib/api/auth-flows";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return startFlow("registration", request);
}

export function POST(request: Request) {
  return submitFlowJson("registration", request);
}
