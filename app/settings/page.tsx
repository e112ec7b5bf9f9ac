import { AccountShell } from "@/components/account-shell";
import { FlowCard } from "@/components/flow-card";
import { cspNonce, requireFlow } from "@/lib/flows/flow-page";
import { noticeOf } from "@/lib/flows/load-flow";
import { loadTraitHints } from "@/lib/kratos/identity-schema";
import { flowAction, noticeText } from "@/lib/flows/flow-view";
import { requestLocale } from "@/lib/i18n/request-locale";
import { textsFor } from "@/lib/i18n/text";

export default async function SettingsPage({ searchParams }: PageProps<"/settings">) {
  const params = await searchParams;
  const flow = await requireFlow("settings", params);
  const traits = await loadTraitHints(flow.identity.schema_id);
  const { locale } = await requestLocale();
  const t = textsFor(locale);
  return (
    <AccountShell current="security" t={t}>
      <FlowCard
        title={t["settings.title"]}
        locale={locale}
        action={flowAction("settings", flow.id)}
        ui={flow.ui}
        nonce={await cspNonce()}
        traits={traits}
        notice={noticeText(noticeOf(params), locale)}
        splitByGroup
        dangerZone={{
          href: "/account/delete",
          title: t["delete.dangerZone"],
          text: t["delete.dangerText"],
          action: t["nav.delete"],
        }}
      />
    </AccountShell>
  );
}
