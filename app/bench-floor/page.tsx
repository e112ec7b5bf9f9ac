import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { env } from "@/lib/config/env";
import { kratosPublic } from "@/lib/kratos/client";
import { kratosIdPattern } from "@/lib/kratos/ids";

const kinds = new Set(["login", "registration", "settings"]);

// Next's own floor for `npm run bench:server`: a dynamic page behind the same
// proxy.ts and layout that does nothing of ours, so the bench can tell the
// framework's cost per request from our pages'. With `?kind=<page>&flow=<id>`
// it also reads that flow from Kratos with the browser's cookies and renders
// nothing of it: the least any Next page showing a flow must cost. It exists
// only when the server runs with BENCH_FLOOR=1 (the bench sets it); everywhere
// else it is a 404.
export default async function BenchFloorPage({ searchParams }: PageProps<"/bench-floor">) {
  // Reading the request's headers makes the page dynamic, as every flow page is.
  const requestHeaders = await headers();
  if (!env().benchFloor) notFound();
  const { kind, flow } = await searchParams;
  if (typeof kind === "string" && kinds.has(kind) && typeof flow === "string" && kratosIdPattern.test(flow)) {
    const answer = await kratosPublic(`/self-service/${kind}/flows?id=${flow}`, {
      cookie: requestHeaders.get("cookie"),
    });
    return <p>{answer.status === 200 ? "floor and flow" : `floor, flow answered ${answer.status}`}</p>;
  }
  return <p>{requestHeaders.has("x-nonce") ? "floor" : "floor (no nonce)"}</p>;
}
