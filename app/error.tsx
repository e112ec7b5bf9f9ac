"use client";

import { Card } from "@/components/card";

type Props = { error: Error & { digest?: string }; reset: () => void };

/** Shows a reference instead of internals when a page fails on the server. */
export default function RouteError({ error }: Props) {
  return (
    <Card>
      <h1>Something went wrong</h1>
      <p data-testid="ui/error/message">Please try again in a moment.</p>
      {error.digest ? (
        <p className="text-muted text-sm">
          Reference: <code>{error.digest}</code>
        </p>
      ) : null}
      <a href="/" className="link">
        Back to the start
      </a>
    </Card>
  );
}
