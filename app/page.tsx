import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AccountSummary } from "@/components/account-summary";
import { logoutPath } from "@/lib/kratos/logout-flow";
import { whoami } from "@/lib/kratos/whoami";
import { Card } from "@/components/card";
import { orUnavailablePage } from "@/lib/http/unavailable";

export default async function HomePage() {
  const cookie = (await headers()).get("cookie");
  const { result, logoutHref } = await orUnavailablePage("/", async () => {
    const answer = await whoami(cookie);
    return { result: answer, logoutHref: answer.kind === "active" ? await logoutPath(cookie) : undefined };
  });
  if (result.kind === "redirect") redirect(result.location);
  if (result.kind === "anonymous") {
    return (
      <Card>
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
      </Card>
    );
  }
  return <AccountSummary session={result.session} logoutHref={logoutHref} />;
}
