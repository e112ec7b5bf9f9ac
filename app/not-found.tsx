import { Card } from "@/components/card";
import { requestLocale } from "@/lib/i18n/request-locale";
import { textsFor } from "@/lib/i18n/text";

/** Our own 404: smaller than Next's default, whose tree every page's RSC payload carries. */
export default async function NotFound() {
  const t = textsFor((await requestLocale()).locale);
  return (
    <Card>
      <h1>{t["error.notFound"]}</h1>
      <a href="/" className="link">
        {t["error.back"]}
      </a>
    </Card>
  );
}
