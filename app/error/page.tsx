import { loadErrorView } from "@/lib/flows/error-view";
import { Card } from "@/components/card";

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function ErrorPage({ searchParams }: PageProps<"/error">) {
  const params = await searchParams;
  const view = await loadErrorView({ id: single(params.id), reason: single(params.reason) });
  return (
    <Card>
      <h1 className="text-2xl font-semibold">{view.title}</h1>
      <p data-testid="ui/error/message">{view.detail}</p>
      {view.reference ? (
        <p className="text-sm text-slate-600">
          Reference: <code>{view.reference}</code>
        </p>
      ) : null}
      <a href="/" className="underline">
        Back to the start
      </a>
    </Card>
  );
}
