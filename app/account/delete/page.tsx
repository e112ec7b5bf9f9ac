import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AccountShell } from "@/components/account-shell";
import { DeleteAccountForm } from "@/components/delete-account-form";
import { deletionGate } from "@/lib/account/deletion";
import { orUnavailablePage } from "@/lib/http/unavailable";
import { requestLocale } from "@/lib/i18n/request-locale";
import { textsFor, type Texts } from "@/lib/i18n/text";

export const dynamic = "force-dynamic";

const errors: Record<string, keyof Texts> = {
  confirmation: "delete.error.confirmation",
  failed: "delete.error.failed",
};

/** Only with a fresh login; the page checks the session itself (the guard is an optimisation). */
export default async function DeleteAccountPage({ searchParams }: PageProps<"/account/delete">) {
  const { error } = await searchParams;
  const cookie = (await headers()).get("cookie");
  const gate = await orUnavailablePage("/account/delete", () => deletionGate(cookie));
  if (gate.kind === "redirect") redirect(gate.location);
  const { locale } = await requestLocale();
  const t = textsFor(locale);
  return (
    <AccountShell current="delete" t={t}>
      <DeleteAccountForm
        email={gate.email}
        error={typeof error === "string" && Object.hasOwn(errors, error) ? t[errors[error]!] : undefined}
        locale={locale}
      />
    </AccountShell>
  );
}
