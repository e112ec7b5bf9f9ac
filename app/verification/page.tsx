import { FlowCard } from "@/components/flow-card";
import { cspNonce, requireFlow } from "@/lib/flows/flow-page";
import { noticeOf } from "@/lib/flows/load-flow";
import { flowAction, noticeText } from "@/lib/flows/flow-view";
import { verificationUi } from "@/lib/flows/verification-ui";

export default async function VerificationPage({ searchParams }: PageProps<"/verification">) {
  const params = await searchParams;
  const flow = await requireFlow("verification", params);
  return (
    <FlowCard
      title="Verify your email address"
      action={flowAction("verification", flow.id)}
      ui={verificationUi(flow)}
      nonce={await cspNonce()}
      notice={noticeText(noticeOf(params))}
    />
  );
}
