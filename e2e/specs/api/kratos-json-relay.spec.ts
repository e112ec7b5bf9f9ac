// Kratos's JSON clients on our relay's paths, as in a deployment whose Kratos
// base_url is this app's origin: such a Kratos puts `ui.action` on our origin,
// so the client fetches a browser flow as JSON and posts JSON to
// POST /self-service/<flow>?flow=<id> here. Our stack's Kratos has its own
// origin, so the test takes ui.action's path and query onto ours, exactly what
// that Kratos would have written. Then the attacker's side: what a page on
// another site, or a script without the CSRF cookie, gets.
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "../../fixtures/test";
import type { E2eStack } from "../../stack";

test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "HTTP clients, and one browser page that needs JavaScript");

type UiNode = { attributes: { name?: string; value?: unknown } };
/** The parts of Kratos's JSON answers these tests read. */
type KratosJson = {
  id?: string;
  identity?: { traits: Record<string, unknown> };
  session?: { identity: { traits: Record<string, unknown> } };
  session_token?: string;
  continue_with?: { action: string }[];
  ui?: { messages?: { id: number }[] };
  error?: { id?: string; code: number };
};
type BrowserFlow = { id: string; type: string; ui: { action: string; method: string; nodes: UiNode[] } };

/** GET /self-service/<kind>/browser as JSON, the way Kratos's SDKs start a browser flow. */
async function startBrowserFlow(http: APIRequestContext, stack: E2eStack, kind: "login" | "registration") {
  const response = await http.get(`${stack.kratosPublicUrl}/self-service/${kind}/browser`, {
    headers: { Accept: "application/json" },
  });
  expect(response.status()).toBe(200);
  const flow = (await response.json()) as BrowserFlow;
  expect(flow.type).toBe("browser");
  const csrf = flow.ui.nodes.find((node) => node.attributes.name === "csrf_token")?.attributes.value;
  expect(typeof csrf).toBe("string");
  // Kratos's action, as the same Kratos with base_url on our origin writes it.
  const action = new URL(flow.ui.action);
  expect(`${action.pathname}${action.search}`).toBe(`/self-service/${kind}?flow=${flow.id}`);
  return { flow, csrfToken: csrf as string, actionOnOurOrigin: `${stack.appUrl}${action.pathname}${action.search}` };
}

async function postJson(http: APIRequestContext, url: string, data: unknown, headers: Record<string, string> = {}) {
  const response = await http.post(url, {
    headers: { "Content-Type": "application/json", Accept: "application/json", ...headers },
    data: JSON.stringify(data),
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  const text = await response.text();
  return {
    status: response.status(),
    body: (text ? JSON.parse(text) : null) as KratosJson,
    setCookies: response
      .headersArray()
      .filter((header) => header.name.toLowerCase() === "set-cookie")
      .map((header) => header.value),
    headers: response.headers(),
  };
}

test("a JSON client signs up and signs in through ui.action on our origin, with Kratos's cookies and CSRF", async ({
  stack,
  email,
  password,
}) => {
  const browser = await playwrightRequest.newContext();
  const signUp = await startBrowserFlow(browser, stack, "registration");
  const registered = await postJson(browser, signUp.actionOnOurOrigin, {
    method: "password",
    csrf_token: signUp.csrfToken,
    traits: { email },
    password,
  });
  expect(registered.status).toBe(200);
  expect(registered.headers["content-type"]).toContain("application/json");
  expect(registered.body.identity!.traits.email).toBe(email);
  // A browser flow: the session is a cookie, never a token in the body.
  expect(registered.body.session_token).toBeUndefined();
  expect(registered.setCookies.some((cookie) => cookie.startsWith("ory_kratos_session="))).toBe(true);
  expect(registered.body.continue_with!.map((item) => item.action)).toContain("show_verification_ui");
  await browser.dispose();

  const other = await playwrightRequest.newContext();
  const signIn = await startBrowserFlow(other, stack, "login");
  const wrong = await postJson(other, signIn.actionOnOurOrigin, {
    method: "password",
    csrf_token: signIn.csrfToken,
    identifier: email,
    password: "not-the-password",
  });
  // Kratos's own answer: the flow with its message, status 400.
  expect(wrong.status).toBe(400);
  expect(wrong.body.id).toBe(signIn.flow.id);
  expect(wrong.body.ui!.messages!.map((message) => message.id)).toContain(4000006);
  const right = await postJson(other, signIn.actionOnOurOrigin, {
    method: "password",
    csrf_token: signIn.csrfToken,
    identifier: email,
    password,
  });
  expect(right.status).toBe(200);
  expect(right.body.session!.identity.traits.email).toBe(email);
  const sessionCookie = right.setCookies.find((cookie) => cookie.startsWith("ory_kratos_session="));
  expect(sessionCookie).toMatch(/HttpOnly/i);
  const whoami = await other.get(`${stack.kratosPublicUrl}/sessions/whoami`);
  expect(whoami.status()).toBe(200);
  await other.dispose();
});

test("the JSON relay keeps Kratos's CSRF check and refuses cross-site and unlabelled-type posts", async ({
  stack,
  email,
}) => {
  const victim = await playwrightRequest.newContext();
  const { flow, csrfToken, actionOnOurOrigin } = await startBrowserFlow(victim, stack, "registration");
  const signUp = { method: "password", traits: { email }, password: `Pw-${flow.id}` };

  // A labelled cross-site request never reaches Kratos.
  const crossSite = await postJson(
    victim,
    actionOnOurOrigin,
    { ...signUp, csrf_token: csrfToken },
    {
      Origin: "http://evil.example",
    },
  );
  expect(crossSite.status).toBe(403);
  expect(crossSite.body.error!.id).toBe("security_cross_site");
  expect(crossSite.setCookies).toEqual([]);

  // With the victim's cookies but without the token (all a forger has): Kratos's own CSRF refusal.
  const noToken = await postJson(victim, actionOnOurOrigin, signUp);
  expect(noToken.status).toBe(403);
  expect(noToken.body.error!.id).toBe("security_csrf_violation");

  // With the token but without the CSRF cookie (a script that read a token elsewhere): refused too.
  const stranger = await playwrightRequest.newContext();
  const noCookie = await postJson(stranger, actionOnOurOrigin, { ...signUp, csrf_token: csrfToken });
  expect(noCookie.status).toBe(403);
  expect(noCookie.body.error!.id).toBe("security_csrf_violation");
  await stranger.dispose();

  // The content type a page elsewhere can send without a preflight stays refused.
  const plain = await victim.post(actionOnOurOrigin, {
    headers: { "Content-Type": "text/plain" },
    data: JSON.stringify({ ...signUp, csrf_token: csrfToken }),
    maxRedirects: 0,
  });
  expect(plain.status()).toBe(415);

  // Go would read "IDENTIFIER" as identifier; the relay refuses what its limiter cannot read.
  const folded = await postJson(victim, actionOnOurOrigin, { ...signUp, csrf_token: csrfToken, METHOD: "code" });
  expect(folded.status).toBe(400);

  // Nothing above created the account.
  const admin = await fetch(
    `${stack.kratosAdminUrl}/admin/identities?credentials_identifier=${encodeURIComponent(email)}`,
  );
  expect(await admin.json()).toEqual([]);
  await victim.dispose();
});

test("a page on another site cannot post JSON to the relay with the user's cookies", async ({ page, stack, email }) => {
  // The victim's browser holds a registration flow's CSRF cookie for our site.
  await page.goto(`${stack.appUrl}/registration`);
  const flowId = new URL(page.url()).searchParams.get("flow");
  expect(flowId).toBeTruthy();

  // The attacker's page, on another site (127.0.0.1 is not localhost to a browser).
  const server: Server = createServer((_, response) => {
    response.writeHead(200, { "Content-Type": "text/html" });
    response.end("<!doctype html><title>elsewhere</title>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const target = `${stack.appUrl}/self-service/registration?flow=${flowId}`;
    const body = JSON.stringify({
      method: "password",
      traits: { email },
      password: "Pw-attacker-123",
      csrf_token: "x",
    });
    const results = await page.evaluate(
      async ({ target, body }) => {
        const cors = await fetch(target, {
          method: "POST",
          credentials: "include",
          headers: { "Content-Type": "application/json" },
          body,
        }).then(
          (response) => `answered ${response.status}`,
          () => "blocked",
        );
        // no-cors drops the JSON content type: the body arrives as text/plain.
        const noCors = await fetch(target, {
          method: "POST",
          mode: "no-cors",
          credentials: "include",
          headers: { "Content-Type": "application/json" },
          body,
        }).then(
          (response) => response.type,
          () => "blocked",
        );
        return { cors, noCors };
      },
      { target, body },
    );
    // The preflight gets no CORS grant, so the browser never sends the post.
    expect(results.cors).toBe("blocked");
    expect(results.noCors).toBe("opaque");
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  const admin = await fetch(
    `${stack.kratosAdminUrl}/admin/identities?credentials_identifier=${encodeURIComponent(email)}`,
  );
  expect(await admin.json()).toEqual([]);
});

test("the JSON relay counts wrong passwords with the form relay's budget", async ({ stack, email, password }) => {
  const owner = await playwrightRequest.newContext();
  const signUp = await startBrowserFlow(owner, stack, "registration");
  const registered = await postJson(owner, signUp.actionOnOurOrigin, {
    method: "password",
    csrf_token: signUp.csrfToken,
    traits: { email },
    password,
  });
  expect(registered.status).toBe(200);
  await owner.dispose();

  // An address of its own, so that only this test's answers count (the per-identifier budget: 10 in 5 minutes).
  const address = `198.18.${Math.floor(Math.random() * 250)}.${2 + Math.floor(Math.random() * 250)}`;
  const guesser = await playwrightRequest.newContext({ extraHTTPHeaders: { "X-Forwarded-For": address } });
  const signIn = await startBrowserFlow(guesser, stack, "login");
  const guess = () =>
    postJson(guesser, signIn.actionOnOurOrigin, {
      method: "password",
      csrf_token: signIn.csrfToken,
      identifier: email.toUpperCase(),
      password: `wrong-${Math.random()}`,
    });
  for (let attempt = 0; attempt < 10; attempt += 1) expect((await guess()).status).toBe(400);
  const refused = await guess();
  expect(refused.status).toBe(429);
  expect(refused.body.error!.id).toBe("rate_limited");
  expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
  // The form relay shares the budget: the same account from the same address waits there too.
  const form = await guesser.post(signIn.actionOnOurOrigin, {
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: stack.appUrl },
    form: { method: "password", csrf_token: signIn.csrfToken, identifier: email, password },
    maxRedirects: 0,
  });
  expect(form.status()).toBe(429);
  await guesser.dispose();
});
