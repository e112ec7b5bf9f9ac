import { loadErrorView } from "@/lib/flows/error-view";
import { Card } from "@/components/card";
import { requestLocale } from "@/lib/i18n/request-locale";
import { textsFor } from "@/lib/i18n/text";

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function ErrorPage({ searchParams }: PageProps<"/error">) {
  const params = await searchParams;
  const { locale } = await requestLocale();
  const t = textsFor(locale);
  const view = await loadErrorView({ id: single(params.id), reason: single(params.reason) }, locale);
  return (
    <Card>
      <h1>{view.title}</h1>
      <p data-testid="ui/error/message">{view.detail}</p>
      {view.reference ? (
        <p className="text-muted text-sm">
          {t["error.reference"]} <code>{view.reference}</code>
        </p>
      ) : null}
      <a href="/" className="link">
        {t["error.back"]}
      </a>
    </Card>
  );
}
