import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AccountSummary } from "@/components/account-summary";
import { logoutPath, whoami } from "@/lib/session";

export default async function HomePage() {
  const cookie = (await headers()).get("cookie");
  const result = await whoami(cookie);
  if (result.kind === "redirect") redirect(result.location);
  if (result.kind === "anonymous") {
    return (
      <section className="mx-auto w-full max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold">Welcome</h1>
        <p>You are not signed in.</p>
        <nav className="flex gap-4">
          <a href="/login" data-testid="login-link" className="underline">
            Sign in
          </a>
          <a href="/registration" data-testid="signup-link" className="underline">
            Create an account
          </a>
        </nav>
      </section>
    );
  }
  return <AccountSummary session={result.session} logoutHref={await logoutPath(cookie)} />;
}
