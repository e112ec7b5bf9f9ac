import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SessionList } from "@/components/session-list";
import { loadSessions, type RevokeOutcome } from "@/lib/account/device-sessions";
import { orUnavailablePage } from "@/lib/http/unavailable";

export const dynamic = "force-dynamic";

const notices: Record<RevokeOutcome, { text: string; tone: "success" | "error" }> = {
  revoked: { text: "That session has been signed out.", tone: "success" },
  "revoked-others": { text: "All your other sessions have been signed out.", tone: "success" },
  "not-found": { text: "That session was not found; it may have ended already.", tone: "error" },
  failed: { text: "The session could not be signed out. Please try again.", tone: "error" },
};

function isOutcome(value: unknown): value is RevokeOutcome {
  return typeof value === "string" && Object.hasOwn(notices, value);
}

/** The identity's sessions. Checks the session itself: the route guard is only an optimisation. */
export default async function SessionsPage({ searchParams }: PageProps<"/sessions">) {
  const { result } = await searchParams;
  const cookie = (await headers()).get("cookie");
  const page = await orUnavailablePage("/sessions", () => loadSessions(cookie));
  if (page.kind === "redirect") redirect(page.location);
  return <SessionList sessions={page.sessions} notice={isOutcome(result) ? notices[result] : undefined} />;
}
