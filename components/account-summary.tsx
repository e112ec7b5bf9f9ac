import type { Session } from "@ory/kratos-client-fetch";
import type { Locale } from "@/lib/i18n/locales";
import { exactTime, relativeTime, textsFor } from "@/lib/i18n/text";
import { traitEmail } from "@/lib/identity/traits";
import { Card } from "./card";

type Props = { session: Session; logoutHref: string | undefined; locale: Locale; now: Date };

/** A time in words ("3 minutes ago") with the exact time for machines and tooltips. */
export function RelativeTime({ when, now, locale }: { when: Date; now: Date; locale: Locale }) {
  return (
    <time dateTime={when.toISOString()} title={exactTime(when, locale)}>
      {relativeTime(when, now, locale)}
    </time>
  );
}

/** Who is signed in, in plain words: addresses and whether they are verified, the second step, times. */
export function AccountSummary({ session, logoutHref, locale, now }: Props) {
  const t = textsFor(locale);
  const identity = session.identity;
  const email = traitEmail(identity?.traits);
  const aal = session.authenticator_assurance_level ?? "aal1";
  const [lastBefore, lastAfter = ""] = t["account.lastSignIn"].split("{when}");
  const [endsBefore, endsAfter = ""] = t["account.expires"].split("{when}");
  return (
    <Card>
      <h1>{t["account.title"]}</h1>
      <p>
        {t["account.signedInAs"]} <strong data-testid="session-email">{email ?? identity?.id}</strong>
      </p>
      <ul className="space-y-2">
        {(identity?.verifiable_addresses ?? []).map((address) => (
          <li
            key={address.id ?? address.value}
            data-testid={`address/${address.value}`}
            className="flex flex-wrap items-center gap-x-3 gap-y-1"
          >
            <span className="break-all">{address.value}</span>
            <span
              className={
                address.verified
                  ? "bg-success-bg text-success-ink rounded-full px-2 text-sm"
                  : "bg-notice-bg text-notice-ink rounded-full px-2 text-sm"
              }
            >
              {address.verified ? t["account.verified"] : t["account.notVerified"]}
            </span>
            {address.verified ? null : (
              <a href="/verification" className="link text-sm" data-testid="verify-now">
                {t["account.verifyNow"]}
              </a>
            )}
          </li>
        ))}
      </ul>
      <ul className="text-muted space-y-1 text-sm">
        <li data-testid="session-aal" data-aal={aal}>
          {aal === "aal2" ? t["account.secondFactorOn"] : t["account.secondFactorOff"]}
        </li>
        {session.authenticated_at ? (
          <li data-testid="last-sign-in">
            {lastBefore}
            <RelativeTime when={session.authenticated_at} now={now} locale={locale} />
            {lastAfter}
          </li>
        ) : null}
        {session.expires_at ? (
          <li>
            {endsBefore}
            <RelativeTime when={session.expires_at} now={now} locale={locale} />
            {endsAfter}
          </li>
        ) : null}
      </ul>
      <nav className="flex flex-wrap gap-4">
        <a href="/settings" data-testid="settings-link" className="link">
          {t["nav.profile"]}
        </a>
        <a href="/sessions" data-testid="sessions-link" className="link">
          {t["nav.sessions"]}
        </a>
        <a href="/account/delete" data-testid="delete-account-link" className="link">
          {t["nav.delete"]}
        </a>
        {logoutHref ? (
          <a href={logoutHref} data-testid="logout-link" className="link">
            {t["account.signOut"]}
          </a>
        ) : null}
      </nav>
    </Card>
  );
}
