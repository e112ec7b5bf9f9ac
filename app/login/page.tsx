import { FlowCard } from "@/components/flow-card";
import { cspNonce, requireFlow } from "@/lib/flows/flow-page";
import { noticeOf } from "@/lib/flows/load-flow";
import { chosenIdentifier, flowAction, noticeText, withReturnTo } from "@/lib/flows/flow-view";

export default async function LoginPage({ searchParams }: PageProps<"/login">) {
  const params = await searchParams;
  const flow = await requireFlow("login", params);
  const secondFactor = flow.requested_aal === "aal2";
  const identifier = chosenIdentifier(flow.ui);
  return (
    <FlowCard
      title={secondFactor ? "Second factor" : flow.refresh ? "Confirm it's you" : "Sign in"}
      signingInAs={identifier ? { identifier, startOverHref: withReturnTo("/login", flow.return_to) } : undefined}
      action={flowAction("login", flow.id)}
      ui={flow.ui}
      nonce={await cspNonce()}
      notice={noticeText(noticeOf(params))}
      links={
        secondFactor
          ? []
          : [
              {
                href: withReturnTo("/registration", flow.return_to),
                label: "Create an account",
                testId: "signup-link",
              },
              {
                href: withReturnTo("/recovery", flow.return_to),
                label: "Forgot your password?",
                testId: "forgot-password-link",
              },
            ]
      }
    />
  );
}
