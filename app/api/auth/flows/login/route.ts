import { startFlow, submitFlowJson } from "@/lib/api/auth-flows";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return startFlow("login", request);
}

export function POST(request: Request) {
  return submitFlowJson("login", request);
}
