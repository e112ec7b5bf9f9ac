import type { Session } from "@ory/kratos-client-fetch";
import { traitEmail } from "@/lib/identity/traits";
import { Card } from "./card";

type Props = { session: Session; logoutHref: string | undefined };

/** Who is signed in: identity, verified addresses and this session's assurance. */
export function AccountSummary({ session, logoutHref }: Props) {
  const identity = session.identity;
  const email = traitEmail(identity?.traits);
  return (
    <Card>
      <h1 className="text-2xl font-semibold">Your account</h1>
      <p>
        Signed in as <strong data-testid="session-email">{email ?? identity?.id}</strong>
      </p>
      <ul className="space-y-1 text-sm">
        {(identity?.verifiable_addresses ?? []).map((address) => (
          <li key={address.id ?? address.value} data-testid={`address/${address.value}`}>
            {address.value}: {address.verified ? "verified" : "not verified"}
          </li>
        ))}
        <li data-testid="session-aal">Assurance level: {session.authenticator_assurance_level}</li>
        {session.expires_at ? <li>Session expires: {session.expires_at.toISOString()}</li> : null}
      </ul>
      <nav className="flex gap-4">
        <a href="/settings" data-testid="settings-link" className="underline">
          Settings
        </a>
        <a href="/sessions" data-testid="sessions-link" className="underline">
          Sessions and devices
        </a>
        <a href="/account/delete" data-testid="delete-account-link" className="underline">
          Delete account
        </a>
        {logoutHref ? (
          <a href={logoutHref} data-testid="logout-link" className="underline">
            Sign out
          </a>
        ) : null}
      </nav>
    </Card>
  );
}
