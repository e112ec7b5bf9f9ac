import type { NextRequest } from "next/server";
import { seeOther } from "@/lib/http/cookie-relay";
import { env } from "@/lib/config/env";
import { readSameOriginForm } from "@/lib/http/same-origin";
import { isSessionId, revokeSessions, sessionsPageWith } from "@/lib/account/device-sessions";
import { orUnavailableResponse } from "@/lib/http/unavailable";

export const dynamic = "force-dynamic";

/**
 * Revokes one other session (`session_id`) or all others (`scope=others`) and
 * answers 303 back to /sessions. Kratos's /sessions endpoints skip CSRF checks,
 * so cross-site posts are refused here (lib/http/same-origin.ts).
 */
export async function POST(request: NextRequest): Promise<Response> {
  const read = await readSameOriginForm(request, env().appUrl.origin);
  if (read.kind === "refused") return read.response;
  const { form } = read;
  const sessionId = form.get("session_id");
  let target: { sessionId: string } | "others";
  if (form.get("scope") === "others") target = "others";
  else if (isSessionId(sessionId)) target = { sessionId };
  else return seeOther(sessionsPageWith("not-found"));
  return orUnavailableResponse(request, "/sessions", async () => {
    const outcome = await revokeSessions(request.headers.get("cookie"), target);
    if (typeof outcome === "object") return seeOther(outcome.redirect);
    return seeOther(sessionsPageWith(outcome));
  });
}
