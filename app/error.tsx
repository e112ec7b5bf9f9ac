"use client";

type Props = { error: Error & { digest?: string }; reset: () => void };

/** Shows a reference instead of internals when a page fails on the server. */
export default function RouteError({ error }: Props) {
  return (
    <section className="mx-auto w-full max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p data-testid="ui/error/message">Please try again in a moment.</p>
      {error.digest ? (
        <p className="text-sm text-slate-600">
          Reference: <code>{error.digest}</code>
        </p>
      ) : null}
      <a href="/" className="underline">
        Back to the start
      </a>
    </section>
  );
}
