import { randomUUID } from "node:crypto";
import { request as playwrightRequest, type APIRequestContext, type APIResponse } from "@playwright/test";

type FlowKind = "login" | "registration" | "recovery" | "verification" | "settings";

/** A form post as our relay answered it: 303 (Kratos was asked) or 429 (refused). */
export type RelayAnswer = { status: number; retryAfter: number | undefined; location: string | undefined };

function answerOf(response: APIResponse): RelayAnswer {
  const retryAfter = response.headers()["retry-after"];
  return {
    status: response.status(),
    retryAfter: retryAfter === undefined ? undefined : Number(retryAfter),
    location: response.headers()["location"],
  };
}

/**
 * An attacker scripting posts to our relay, with no browser: its own cookie
 * jar, any X-Forwarded-For it likes, any field it likes. Each address gets a
 * fresh jar, as a botnet's machines would.
 */
export class Attacker {
  private constructor(
    private readonly http: APIRequestContext,
    private readonly appUrl: string,
    readonly address: string,
  ) {}

  static async at(appUrl: string, address: string): Promise<Attacker> {
    const http = await playwrightRequest.newContext({
      baseURL: appUrl,
      extraHTTPHeaders: { "X-Forwarded-For": address },
    });
    return new Attacker(http, appUrl, address);
  }

  /** Starts a real flow through our server; answers its id and CSRF token. */
  async startFlow(kind: FlowKind, query = ""): Promise<{ flowId: string; csrfToken: string }> {
    const page = await this.http.get(`/self-service/${kind}/restart${query}`);
    return this.flowOn(page);
  }

  /** The flow id and CSRF token of the flow page a response shows. */
  async flowOn(page: APIResponse): Promise<{ flowId: string; csrfToken: string }> {
    const flowId = new URL(page.url()).searchParams.get("flow");
    const input = /<input[^>]*name="csrf_token"[^>]*>/.exec(await page.text())?.[0];
    const csrfToken = input ? /value="([^"]*)"/.exec(input)?.[1] : undefined;
    if (!flowId || !csrfToken) throw new Error(`No flow on ${page.url()} (${page.status()})`);
    return { flowId, csrfToken };
  }

  /** Posts a urlencoded body (built raw, so any byte sequence goes) to the relay, not following the answer. */
  async post(kind: FlowKind, flowId: string, body: string): Promise<RelayAnswer> {
    const response = await this.http.post(`/self-service/${kind}?flow=${flowId}`, {
      headers: { Origin: this.appUrl, "Content-Type": "application/x-www-form-urlencoded" },
      data: body,
      maxRedirects: 0,
    });
    return answerOf(response);
  }

  /** Posts and follows the relay's answer like a browser; answers the last page. */
  async postAndFollow(kind: FlowKind, flowId: string, body: string): Promise<APIResponse> {
    return this.http.post(`/self-service/${kind}?flow=${flowId}`, {
      headers: { Origin: this.appUrl, "Content-Type": "application/x-www-form-urlencoded" },
      data: body,
    });
  }

  async dispose(): Promise<void> {
    await this.http.dispose();
  }
}

/** A urlencoded body from pairs, in order, duplicates allowed, values encoded as browsers do. */
export function formBody(pairs: [string, string][]): string {
  return pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join("&");
}

/**
 * Every way of naming the victim's account the old limiter could be walked
 * around with: the legacy field, Go-only spaces (U+0085), case, stray fields
 * Kratos ignores, a duplicated field whose second value differs.
 */
export function passwordGuessVariants(email: string, csrfToken: string): string[] {
  const wrong = `wrong-${randomUUID()}`;
  const base: [string, string][] = [
    ["csrf_token", csrfToken],
    ["method", "password"],
    ["password", wrong],
  ];
  return [
    formBody([...base, ["identifier", email]]),
    formBody([...base, ["password_identifier", email]]),
    formBody([...base, ["identifier", `${email.toUpperCase()}\u0085`]]),
    formBody([...base, ["identifier", ` ${email} `], ["email", `r-${randomUUID()}@example.com`]]),
    formBody([...base, ["identifier", ""], ["password_identifier", email], ["traits.email", "x@example.com"]]),
    formBody([...base, ["identifier", email], ["identifier", `r-${randomUUID()}@example.com`]]),
  ];
}

/** A made-up flow id: Kratos has never seen it. */
export const madeUpFlowId = (): string => randomUUID();

/** 50 distinct client addresses in 198.18.0.0/15 (reserved for benchmarking, never a real client). */
export function attackerAddresses(count = 50): string[] {
  const prefix = `198.19.${Math.floor(Math.random() * 250)}`;
  return Array.from({ length: count }, (_, index) => `${prefix}.${index + 2}`);
}
