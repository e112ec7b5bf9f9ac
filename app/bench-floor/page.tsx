import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { env } from "@/lib/config/env";

// Next's own floor for `npm run bench:server`: a dynamic page behind the same
// proxy.ts and layout that does nothing of ours, so the bench can tell the
// framework's cost per request from our pages'. It exists only when the server
// runs with BENCH_FLOOR=1 (the bench sets it); everywhere else it is a 404.
export default async function BenchFloorPage() {
  // Reading the request's headers makes the page dynamic, as every flow page is.
  const requestHeaders = await headers();
  if (!env().benchFloor) notFound();
  return <p>{requestHeaders.has("x-nonce") ? "floor" : "floor (no nonce)"}</p>;
}
