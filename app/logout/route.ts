import type { NextRequest } from "next/server";
import { logOut } from "@/lib/logout";

export const dynamic = "force-dynamic";

/** Logs out with the token Kratos issued for this session; see lib/logout.ts. */
export function GET(request: NextRequest) {
  return logOut(request);
}
