import { FlowCard } from "@/components/flow-card";
import { cspNonce, requireFlow } from "@/lib/flows/flow-page";
import { noticeOf } from "@/lib/flows/load-flow";
import { flowAction, noticeText, withReturnTo } from "@/lib/flows/flow-view";

export default async function RecoveryPage({ searchParams }: PageProps<"/recovery">) {
  const params = await searchParams;
  const flow = await requireFlow("recovery", params);
  return (
    <FlowCard
      title="Recover your account"
      action={flowAction("recovery", flow.id)}
      ui={flow.ui}
      nonce={await cspNonce()}
      notice={noticeText(noticeOf(params))}
      links={[{ href: withReturnTo("/login", flow.return_to), label: "Back to sign in", testId: "login-link" }]}
    />
  );
}
