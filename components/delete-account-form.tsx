import { Card } from "./card";

type Props = { email: string | undefined; error?: string };

/**
 * Asks the user to type the account's email before deleting it. A plain form
 * posting to our own handler, so it works without JavaScript; the field starts
 * empty on purpose, also after a mismatch.
 */
export function DeleteAccountForm({ email, error }: Props) {
  return (
    <Card spacing="wide">
      <h1 className="text-2xl font-semibold">Delete your account</h1>
      <p>
        This deletes your account
        {email ? (
          <>
            {" "}
            <strong data-testid="delete/email">{email}</strong>
          </>
        ) : null}{" "}
        and signs you out everywhere. It cannot be undone.
      </p>
      {error ? (
        <p
          role="alert"
          id="confirm-email-error"
          data-testid="delete/error"
          className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {error}
        </p>
      ) : null}
      <form method="post" action="/account/delete/confirm" className="space-y-4">
        <label className="block space-y-1">
          <span className="text-sm font-medium">Type your email address to confirm</span>
          <input
            type="text"
            name="confirm_email"
            required
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            data-testid="delete/confirm-email"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "confirm-email-error" : undefined}
            className="w-full rounded border border-slate-300 px-3 py-2"
          />
        </label>
        <button
          type="submit"
          data-testid="delete/submit"
          className="rounded bg-red-700 px-4 py-2 text-sm font-medium text-white"
        >
          Delete my account
        </button>
      </form>
      <nav className="text-sm">
        <a href="/" className="underline" data-testid="home-link">
          Keep my account
        </a>
      </nav>
    </Card>
  );
}
