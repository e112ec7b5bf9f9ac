import type { NextRequest } from "next/server";
import { logOut } from "@/lib/account/logout";
import { orUnavailableResponse } from "@/lib/http/unavailable";

export const dynamic = "force-dynamic";

/** Logs out with the token Kratos issued for this session; see lib/account/logout.ts. */
export function GET(request: NextRequest) {
  return orUnavailableResponse(request, request.nextUrl.pathname + request.nextUrl.search, () => logOut(request));
}
