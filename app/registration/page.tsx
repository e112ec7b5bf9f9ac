import { FlowCard } from "@/components/flow-card";
import { cspNonce, requireFlow } from "@/lib/flows/flow-page";
import { noticeOf } from "@/lib/flows/load-flow";
import { loadTraitHints } from "@/lib/kratos/identity-schema";
import { flowAction, noticeText, withReturnTo } from "@/lib/flows/flow-view";

export default async function RegistrationPage({ searchParams }: PageProps<"/registration">) {
  const params = await searchParams;
  const flow = await requireFlow("registration", params);
  const traits = await loadTraitHints("default");
  return (
    <FlowCard
      title="Create an account"
      action={flowAction("registration", flow.id)}
      ui={flow.ui}
      nonce={await cspNonce()}
      traits={traits}
      notice={noticeText(noticeOf(params))}
      links={[
        {
          href: withReturnTo("/login", flow.return_to),
          label: "Already have an account? Sign in",
          testId: "login-link",
        },
      ]}
    />
  );
}
