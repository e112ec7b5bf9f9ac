import type { NextRequest } from "next/server";
import { deleteAccount } from "@/lib/account/deletion";
import { orUnavailableResponse } from "@/lib/http/unavailable";

export const dynamic = "force-dynamic";

/**
 * Deletes the signed-in account after a fresh login and the typed email; see
 * lib/account/deletion.ts. It lives under /confirm because Next does not allow a
 * route.ts beside the form's page.tsx in the same segment.
 */
export function POST(request: NextRequest): Promise<Response> {
  return orUnavailableResponse(request, "/account/delete", () => deleteAccount(request));
}
