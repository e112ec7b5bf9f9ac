import { FlowCard } from "@/components/flow-card";
import { cspNonce, requireFlow } from "@/lib/flows/flow-page";
import { noticeOf } from "@/lib/flows/load-flow";
import { loadIdentifierLabel } from "@/lib/flows/identifier-label";
import { requestLocale } from "@/lib/i18n/request-locale";
import { textsFor } from "@/lib/i18n/text";
import {
  chosenIdentifier,
  flowAction,
  noticeText,
  prefillIdentifier,
  revealRejectedInputs,
  withReturnTo,
} from "@/lib/flows/flow-view";
import { requestSessionEmail } from "@/lib/kratos/request-session";

export default async function LoginPage({ searchParams }: PageProps<"/login">) {
  const params = await searchParams;
  const flow = await requireFlow("login", params);
  const secondFactor = flow.requested_aal === "aal2";
  const identifier = chosenIdentifier(flow.ui);
  const { locale } = await requestLocale();
  const t = textsFor(locale);
  const identifierLabel = await loadIdentifierLabel(locale);
  return (
    <FlowCard
      title={secondFactor ? t["login.secondFactor"] : flow.refresh ? t["login.refresh"] : t["login.title"]}
      locale={locale}
      signingInAs={identifier ? { identifier, startOverHref: withReturnTo("/login", flow.return_to) } : undefined}
      action={flowAction("login", flow.id)}
      ui={revealRejectedInputs(flow.refresh ? prefillIdentifier(flow.ui, await requestSessionEmail()) : flow.ui)}
      fieldLabels={identifierLabel ? { identifier: identifierLabel } : undefined}
      nonce={await cspNonce()}
      notice={noticeText(noticeOf(params), locale)}
      links={
        secondFactor
          ? []
          : [
              {
                href: withReturnTo("/registration", flow.return_to),
                label: t["login.signUp"],
                testId: "signup-link",
              },
              {
                href: withReturnTo("/recovery", flow.return_to),
                label: t["login.forgot"],
                testId: "forgot-password-link",
              },
            ]
      }
    />
  );
}
