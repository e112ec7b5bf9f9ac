import { Card } from "@/components/card";
import { LanguageSwitcher } from "@/components/language-switcher";
import { safeReturnPath } from "@/lib/i18n/locale-switch";
import { requestLocale } from "@/lib/i18n/request-locale";
import { textsFor } from "@/lib/i18n/text";

/** The language switcher: one button per language, back to the page the footer link came from. */
export default async function LanguagePage({ searchParams }: PageProps<"/language">) {
  const { return_to: returnTo } = await searchParams;
  const { locale } = await requestLocale();
  const t = textsFor(locale);
  return (
    <Card>
      <h1>{t["language.label"]}</h1>
      <LanguageSwitcher locale={locale} returnTo={safeReturnPath(returnTo)} label={t["language.label"]} />
    </Card>
  );
}
