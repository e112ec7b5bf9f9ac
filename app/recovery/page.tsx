import { FlowCard } from "@/components/flow-card";
import { requestLocale } from "@/lib/i18n/request-locale";
import { textsFor } from "@/lib/i18n/text";
import { cspNonce, requireFlow } from "@/lib/flows/flow-page";
import { noticeOf } from "@/lib/flows/load-flow";
import { flowAction, noticeText, withReturnTo } from "@/lib/flows/flow-view";

export default async function RecoveryPage({ searchParams }: PageProps<"/recovery">) {
  const params = await searchParams;
  const flow = await requireFlow("recovery", params);
  const { locale } = await requestLocale();
  const t = textsFor(locale);
  return (
    <FlowCard
      title={t["recovery.title"]}
      locale={locale}
      action={flowAction("recovery", flow.id)}
      ui={flow.ui}
      nonce={await cspNonce()}
      notice={noticeText(noticeOf(params), locale)}
      links={[{ href: withReturnTo("/login", flow.return_to), label: t["recovery.back"], testId: "login-link" }]}
    />
  );
}
