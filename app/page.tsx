import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AccountShell } from "@/components/account-shell";
import { AccountSummary } from "@/components/account-summary";
import { identitySecondFactors } from "@/lib/account/assurance";
import { logoutPath } from "@/lib/kratos/logout-flow";
import { whoami } from "@/lib/kratos/whoami";
import { Card } from "@/components/card";
import { orUnavailablePage } from "@/lib/http/unavailable";
import { requestLocale } from "@/lib/i18n/request-locale";
import { textsFor } from "@/lib/i18n/text";

export default async function HomePage() {
  const cookie = (await headers()).get("cookie");
  const { result, logoutHref, secondFactors } = await orUnavailablePage("/", async () => {
    const answer = await whoami(cookie);
    if (answer.kind !== "active") return { result: answer };
    const identityId = answer.session.identity?.id;
    const [logout, factors] = await Promise.all([
      logoutPath(cookie),
      identityId ? identitySecondFactors(identityId) : undefined,
    ]);
    return { result: answer, logoutHref: logout, secondFactors: factors };
  });
  if (result.kind === "redirect") redirect(result.location);
  const { locale } = await requestLocale();
  const t = textsFor(locale);
  if (result.kind === "anonymous") {
    return (
      <Card>
        <h1>{t["home.welcome"]}</h1>
        <p>{t["home.signedOut"]}</p>
        <nav className="flex flex-col gap-3">
          <a href="/login" data-testid="login-link" className="btn-primary no-underline">
            {t["home.signIn"]}
          </a>
          <a href="/registration" data-testid="signup-link" className="btn-secondary no-underline">
            {t["home.signUp"]}
          </a>
        </nav>
      </Card>
    );
  }
  return (
    <AccountShell current="overview" t={t}>
      <AccountSummary
        session={result.session}
        secondFactors={secondFactors}
        logoutHref={logoutHref}
        locale={locale}
        now={new Date()}
      />
    </AccountShell>
  );
}
