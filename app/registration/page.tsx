import { FlowCard } from "@/components/flow-card";
import { requestLocale } from "@/lib/i18n/request-locale";
import { textsFor } from "@/lib/i18n/text";
import { cspNonce, requireFlow } from "@/lib/flows/flow-page";
import { noticeOf } from "@/lib/flows/load-flow";
import { defaultSchemaId, loadTraitHints } from "@/lib/kratos/identity-schema";
import { flowAction, noticeText, withReturnTo } from "@/lib/flows/flow-view";

export default async function RegistrationPage({ searchParams }: PageProps<"/registration">) {
  const params = await searchParams;
  const flow = await requireFlow("registration", params);
  const { locale } = await requestLocale();
  const t = textsFor(locale);
  const traits = await loadTraitHints(defaultSchemaId);
  return (
    <FlowCard
      title={t["registration.title"]}
      locale={locale}
      action={flowAction("registration", flow.id)}
      ui={flow.ui}
      nonce={await cspNonce()}
      traits={traits}
      notice={noticeText(noticeOf(params), locale)}
      links={[
        {
          href: withReturnTo("/login", flow.return_to),
          label: t["registration.signIn"],
          testId: "login-link",
        },
      ]}
    />
  );
}
