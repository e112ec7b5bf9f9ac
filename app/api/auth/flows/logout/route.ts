import { completeLogout, startLogout } from "@/lib/api/auth-flows";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return startLogout(request);
}

export function DELETE(request: Request) {
  return completeLogout(request);
}
