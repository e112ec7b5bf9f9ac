import { Card } from "@/components/card";
import { requestLocale } from "@/lib/i18n/request-locale";
import { textsFor } from "@/lib/i18n/text";

export const dynamic = "force-dynamic";

/** Shown after the account was deleted and the browser signed out; it reads no session. */
export default async function AccountDeletedPage() {
  const t = textsFor((await requestLocale()).locale);
  return (
    <Card>
      <h1 data-testid="account-deleted">{t["deleted.title"]}</h1>
      <p>{t["deleted.text"]}</p>
      <nav className="flex gap-4">
        <a href="/registration" className="link" data-testid="signup-link">
          {t["deleted.signUp"]}
        </a>
        <a href="/" className="link">
          {t["deleted.home"]}
        </a>
      </nav>
    </Card>
  );
}
