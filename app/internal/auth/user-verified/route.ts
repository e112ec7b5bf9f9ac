import { userVerified } from "@/lib/webhooks/handlers";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return userVerified(request);
}
