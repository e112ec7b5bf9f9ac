import { FlowCard } from "@/components/flow-card";
import { requestLocale } from "@/lib/i18n/request-locale";
import { textsFor } from "@/lib/i18n/text";
import { cspNonce, requireFlow } from "@/lib/flows/flow-page";
import { noticeOf } from "@/lib/flows/load-flow";
import { flowAction, noticeText } from "@/lib/flows/flow-view";
import { verificationUi } from "@/lib/flows/verification-ui";

export default async function VerificationPage({ searchParams }: PageProps<"/verification">) {
  const params = await searchParams;
  const flow = await requireFlow("verification", params);
  const { locale } = await requestLocale();
  const t = textsFor(locale);
  return (
    <FlowCard
      title={t["verification.title"]}
      locale={locale}
      action={flowAction("verification", flow.id)}
      ui={verificationUi(flow)}
      nonce={await cspNonce()}
      notice={noticeText(noticeOf(params), locale)}
    />
  );
}
