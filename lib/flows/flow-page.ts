import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { loadFlow, type FlowKind, type SearchParams } from "./load-flow";
import { orUnavailablePage, pagePath } from "../http/unavailable";

/** The flow a page shows; redirects (ending the render) when there is none to show. */
export async function requireFlow<K extends FlowKind>(kind: K, params: SearchParams) {
  const cookie = (await headers()).get("cookie");
  const result = await orUnavailablePage(
    () => pagePath(`/${kind}`, params),
    () => loadFlow(kind, params, cookie),
  );
  if (result.kind === "redirect") redirect(result.location);
  return result.flow;
}

/** This request's CSP nonce (set by proxy.ts), for the scripts a page renders itself. */
export async function cspNonce(): Promise<string | undefined> {
  return (await headers()).get("x-nonce") ?? undefined;
}
