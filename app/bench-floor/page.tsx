import { headers } from "next/headers";
import { notFound } from "next/navigation";

// Next's own floor for `npm run bench:server`: a dynamic page behind the same
// proxy.ts and layout that does nothing of ours, so the bench can tell the
// framework's cost per request from our pages'. It exists only when the server
// runs with BENCH_FLOOR=1 (the bench sets it); everywhere else it is a 404.
// Read here rather than in lib/config/env.ts: it switches a measuring aid on,
// it configures nothing of the app.
export default async function BenchFloorPage() {
  // Reading the request's headers makes the page dynamic, as every flow page is.
  const requestHeaders = await headers();
  if (process.env.BENCH_FLOOR !== "1") notFound();
  return <p>{requestHeaders.has("x-nonce") ? "floor" : "floor (no nonce)"}</p>;
}
