import type { Request, Response } from "@playwright/test";

/** One hop of a navigation: the URL asked for and the status it answered. */
export type Hop = { url: string; status: number | undefined };

/** Every hop that led to `response`, first request first, the final page last. */
export async function redirectChain(response: Response): Promise<Hop[]> {
  const hops: Hop[] = [];
  let request: Request | null = response.request();
  while (request) {
    hops.unshift({ url: request.url(), status: (await request.response())?.status() });
    request = request.redirectedFrom();
  }
  return hops;
}

/** A Content-Security-Policy header as directive name → its sources. */
export function cspDirectives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );
}

/** The nonce the policy's script-src allows, in the form Next extracts it. */
export function scriptNonce(policy: string): string | undefined {
  for (const source of cspDirectives(policy).get("script-src") ?? []) {
    const nonce = /^'nonce-([A-Za-z0-9+/_-]+={0,2})'$/.exec(source)?.[1];
    if (nonce) return nonce;
  }
  return undefined;
}

/** The opening tags of every <script> element in server-rendered HTML. */
export function scriptTags(html: string): string[] {
  return html.match(/<script\b[^>]*>/g) ?? [];
}

/** Whether a console message is the browser reporting a Content Security Policy violation. */
export function isCspViolation(text: string): boolean {
  return /Content Security Policy/i.test(text);
}
