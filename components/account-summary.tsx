import type { Session } from "@ory/kratos-client-fetch";
import type { Locale } from "@/lib/i18n/locales";
import type { SecondFactor } from "@/lib/account/assurance";
import type { TextKey } from "@/lib/i18n/text/en";
import { exactTime, fill, relativeTime, textsFor } from "@/lib/i18n/text";
import { traitEmail } from "@/lib/identity/traits";
import { Card } from "./card";

type Props = {
  session: Session;
  /** The identity's second factors (Kratos's admin view); undefined when not known. */
  secondFactors: readonly SecondFactor[] | undefined;
  logoutHref: string | undefined;
  locale: Locale;
  now: Date;
};

const secondFactorNames: Record<SecondFactor, TextKey> = {
  totp: "group.totp",
  lookup_secret: "group.lookup_secret",
  webauthn: "group.webauthn",
};

/** Whether the account has a second factor, which ones, and where to set one up. */
function SecondFactorState({ factors, locale }: { factors: readonly SecondFactor[]; locale: Locale }) {
  const t = textsFor(locale);
  if (factors.length === 0) {
    return (
      <li data-testid="second-factor" data-second-factor="off">
        {t["account.secondFactor.off"]}{" "}
        <a href="/settings#security" className="link" data-testid="second-factor-set-up">
          {t["account.secondFactor.setUp"]}
        </a>
      </li>
    );
  }
  const names = new Intl.ListFormat(locale, { type: "unit", style: "short" }).format(
    factors.map((factor) => t[secondFactorNames[factor]]),
  );
  return (
    <li data-testid="second-factor" data-second-factor="on">
      {fill(t["account.secondFactor.on"], { methods: names })}
    </li>
  );
}

/** A time in words ("3 minutes ago") with the exact time for machines and tooltips. */
export function RelativeTime({ when, now, locale }: { when: Date; now: Date; locale: Locale }) {
  return (
    <time dateTime={when.toISOString()} title={exactTime(when, locale)}>
      {relativeTime(when, now, locale)}
    </time>
  );
}

/** Who is signed in, in plain words: addresses and whether they are verified, the second step, times. */
export function AccountSummary({ session, secondFactors, logoutHref, locale, now }: Props) {
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
        {secondFactors ? <SecondFactorState factors={secondFactors} locale={locale} /> : null}
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
