import { FlowCard } from "@/components/flow-card";
import { cspNonce, flowNotice, requireFlow } from "@/lib/flow-page";
import { flowAction, noticeText, withReturnTo } from "@/lib/flow-view";

export default async function RecoveryPage({ searchParams }: PageProps<"/recovery">) {
  const params = await searchParams;
  const flow = await requireFlow("recovery", params);
  return (
    <FlowCard
      title="Recover your account"
      action={flowAction("recovery", flow.id)}
      ui={flow.ui}
      nonce={await cspNonce()}
      notice={noticeText(flowNotice(params))}
      links={[{ href: withReturnTo("/login", flow.return_to), label: "Back to sign in", testId: "login-link" }]}
    />
  );
}
