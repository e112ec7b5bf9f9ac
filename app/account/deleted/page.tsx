import { Card } from "@/components/card";

export const dynamic = "force-dynamic";

/** Shown after the account was deleted and the browser signed out; it reads no session. */
export default function AccountDeletedPage() {
  return (
    <Card>
      <h1 className="text-2xl font-semibold" data-testid="account-deleted">
        Your account has been deleted
      </h1>
      <p>You have been signed out, and your sign-in details and sessions are gone.</p>
      <nav className="flex gap-4">
        <a href="/registration" className="underline" data-testid="signup-link">
          Create a new account
        </a>
        <a href="/" className="underline">
          Home
        </a>
      </nav>
    </Card>
  );
}
