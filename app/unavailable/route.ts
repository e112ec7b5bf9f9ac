import type { NextRequest } from "next/server";
import { unavailableResponse } from "@/lib/http/status-page";
import { localeOfHeaders } from "@/lib/i18n/locales";

export const dynamic = "force-dynamic";

/** The 503 "try again" page pages redirect to when Kratos does not answer (lib/http/unavailable.ts). */
export function GET(request: NextRequest) {
  return unavailableResponse(
    request.nextUrl.searchParams.get("retry") ?? "/",
    request.headers.get("x-nonce") ?? undefined,
    localeOfHeaders(request.headers),
  );
}
