import { FlowCard } from "@/components/flow-card";
import { cspNonce, requireFlow } from "@/lib/flows/flow-page";
import { noticeOf } from "@/lib/flows/load-flow";
import { loadTraitHints } from "@/lib/kratos/identity-schema";
import { flowAction, noticeText } from "@/lib/flows/flow-view";

export default async function SettingsPage({ searchParams }: PageProps<"/settings">) {
  const params = await searchParams;
  const flow = await requireFlow("settings", params);
  const traits = await loadTraitHints(flow.identity.schema_id);
  return (
    <FlowCard
      title="Account settings"
      action={flowAction("settings", flow.id)}
      ui={flow.ui}
      nonce={await cspNonce()}
      traits={traits}
      notice={noticeText(noticeOf(params))}
      splitByGroup
      links={[{ href: "/", label: "Back to your account", testId: "home-link" }]}
    />
  );
}
