import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AccountShell } from "@/components/account-shell";
import { SessionList } from "@/components/session-list";
import { loadSessions, type RevokeOutcome } from "@/lib/account/device-sessions";
import { orUnavailablePage } from "@/lib/http/unavailable";
import { requestLocale } from "@/lib/i18n/request-locale";
import { textsFor, type Texts } from "@/lib/i18n/text";

export const dynamic = "force-dynamic";

const notices: Record<RevokeOutcome, { text: keyof Texts; tone: "success" | "error" }> = {
  revoked: { text: "sessions.result.revoked", tone: "success" },
  "revoked-others": { text: "sessions.result.revokedOthers", tone: "success" },
  "not-found": { text: "sessions.result.notFound", tone: "error" },
  failed: { text: "sessions.result.failed", tone: "error" },
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
  const { locale } = await requestLocale();
  const t = textsFor(locale);
  const notice = isOutcome(result) ? { text: t[notices[result].text], tone: notices[result].tone } : undefined;
  return (
    <AccountShell current="sessions" t={t}>
      <SessionList sessions={page.sessions} notice={notice} locale={locale} now={new Date()} />
    </AccountShell>
  );
}
