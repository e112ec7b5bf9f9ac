import { userCreated } from "@/lib/webhooks/handlers";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return userCreated(request);
}
