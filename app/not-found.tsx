import { Card } from "@/components/card";

/** Our own 404: smaller than Next's default, whose tree every page's RSC payload carries. */
export default function NotFound() {
  return (
    <Card>
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <a href="/" className="underline">
        Back to the start
      </a>
    </Card>
  );
}
