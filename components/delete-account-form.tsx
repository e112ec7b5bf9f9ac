import type { Locale } from "@/lib/i18n/locales";
import { textsFor } from "@/lib/i18n/text";
import { Card } from "./card";

type Props = { email: string | undefined; error?: string; locale: Locale };

/**
 * Asks the user to type the account's email before deleting it. A plain form
 * posting to our own handler, so it works without JavaScript; the field starts
 * empty on purpose, also after a mismatch.
 */
export function DeleteAccountForm({ email, error, locale }: Props) {
  const t = textsFor(locale);
  return (
    <Card spacing="wide">
      <h1>{t["delete.title"]}</h1>
      <p>{t["delete.explanation"]}</p>
      {email ? (
        <p>
          {t["delete.account"]} <strong data-testid="delete/email">{email}</strong>
        </p>
      ) : null}
      {error ? (
        <p role="alert" id="confirm-email-error" data-testid="delete/error" className="alert-error">
          {error}
        </p>
      ) : null}
      <form method="post" action="/account/delete/confirm" className="space-y-4">
        <div className="space-y-1">
          <label htmlFor="confirm-email" className="field-label">
            {t["delete.confirmLabel"]}
          </label>
          <input
            id="confirm-email"
            type="text"
            name="confirm_email"
            required
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            data-testid="delete/confirm-email"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "confirm-email-error" : undefined}
            className="field"
          />
        </div>
        <button type="submit" data-testid="delete/submit" className="btn-danger">
          {t["delete.submit"]}
        </button>
      </form>
      <nav className="text-sm">
        <a href="/" className="link" data-testid="home-link">
          {t["delete.keep"]}
        </a>
      </nav>
    </Card>
  );
}
