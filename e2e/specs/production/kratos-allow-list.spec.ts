// The proxy routes only the Kratos public paths a browser is sent to
// (deploy/proxy/Caddyfile). Forms post to our relay, which enforces rate limits
// and origin checks; a script posting to Kratos directly must find nothing.
import { randomUUID } from "node:crypto";
import { expect, test } from "../../fixtures/test";
import { requestThroughProxy } from "../../fixtures/proxy-client";
import { productionTarget } from "../../stack";
import { loginFlowThroughProxy } from "../../steps/instance-steps";

const kratos = productionTarget.kratosPublicUrl;

/** The proxy's own refusal (deploy/proxy/Caddyfile), told apart from any 404 Kratos gives. */
const refusedByProxy = (answer: { status: number; body: string }) =>
  answer.status === 404 && answer.body === "Not Found";

test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== "production", "no browser involved: runs once, in the project with JavaScript");
});

test("a direct post to Kratos's login or registration is refused by the proxy", async ({ email }) => {
  const flow = await loginFlowThroughProxy();
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const attempts = [
    {
      what: "login with a real flow, its CSRF cookie and token",
      path: `/self-service/login?flow=${flow.id}`,
      body: form({ csrf_token: flow.csrfToken, method: "password", identifier: email, password: "guess-1" }),
    },
    {
      what: "registration",
      path: `/self-service/registration?flow=${randomUUID()}`,
      body: form({ csrf_token: flow.csrfToken, method: "password", "traits.email": email, password: "x" }),
    },
    { what: "native login", path: `/self-service/login?flow=${randomUUID()}`, body: form({ method: "password" }) },
  ];
  for (const attempt of attempts) {
    for (const contentType of ["application/x-www-form-urlencoded", "application/json"]) {
      const answer = await requestThroughProxy(`${kratos}${attempt.path}`, {
        method: "POST",
        body:
          contentType === "application/json"
            ? JSON.stringify(Object.fromEntries(new URLSearchParams(attempt.body)))
            : attempt.body,
        headers: { "content-type": contentType, accept: "application/json", cookie: flow.cookie },
      });
      expect(
        refusedByProxy(answer),
        `${attempt.what} (${contentType}): ${answer.status} ${answer.body.slice(0, 80)}`,
      ).toBe(true);
    }
  }
  // Without the proxy the same post reaches Kratos, which checks the guess: the proxy is what refuses.
  if (productionTarget.ports) {
    const direct = await fetch(
      `http://127.0.0.1:${productionTarget.ports.kratosPublic}/self-service/login?flow=${flow.id}`,
      {
        method: "POST",
        body: attempts[0]!.body,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
          cookie: flow.cookie,
        },
      },
    );
    expect(direct.status).toBe(400);
    expect(JSON.stringify(await direct.json())).toContain("4000006");
  }
  // The same flow still works through the UI: the relay was the only door.
  const throughRelay = await requestThroughProxy(`${productionTarget.appUrl}/self-service/login?flow=${flow.id}`, {
    method: "POST",
    body: form({ csrf_token: flow.csrfToken, method: "password", identifier: email, password: "guess-2" }),
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: flow.cookie,
      origin: productionTarget.appUrl,
      "sec-fetch-site": "same-origin",
    },
  });
  expect(throughRelay.status).toBe(303);
  expect(String(throughRelay.headers.location)).toContain(`flow=${flow.id}`);
});

test("Kratos's API beyond the browser paths is not found through the proxy", async () => {
  const refused = [
    ["GET", "/admin/identities"],
    ["GET", "/identities"],
    ["GET", "/sessions/whoami"],
    ["GET", "/sessions"],
    ["DELETE", "/sessions"],
    ["GET", `/self-service/login/flows?id=${randomUUID()}`],
    ["GET", "/self-service/login/api"],
    ["GET", "/self-service/registration/browser"],
    ["GET", "/self-service/registration/api"],
    ["GET", `/self-service/login?flow=${randomUUID()}`],
    ["POST", `/self-service/recovery?flow=${randomUUID()}`],
    ["POST", `/self-service/verification?flow=${randomUUID()}`],
    ["POST", `/self-service/settings?flow=${randomUUID()}`],
    ["DELETE", "/self-service/logout/api"],
    ["GET", "/self-service/logout/browser"],
    ["GET", "/.well-known/ory/webauthn.js"],
    ["GET", "/schemas"],
    ["GET", "/health/ready"],
  ] as const;
  for (const [method, path] of refused) {
    const answer = await requestThroughProxy(`${kratos}${path}`, { method });
    expect(refusedByProxy(answer), `${method} ${path}: ${answer.status} ${answer.body.slice(0, 80)}`).toBe(true);
  }
});

test("the paths browsers are sent to reach Kratos", async () => {
  // Each answers from Kratos itself (not the proxy's 404): a redirect to the UI or Kratos's own error.
  const start = await requestThroughProxy(`${kratos}/self-service/login/browser`);
  expect(start.status).toBe(303);
  expect(start.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
  const mailedLink = await requestThroughProxy(`${kratos}/self-service/verification?flow=${randomUUID()}&code=123456`);
  expect(mailedLink.status).toBe(303);
  expect(String(mailedLink.headers.location)).toMatch(new RegExp(`^${productionTarget.appUrl}/`));
  const logout = await requestThroughProxy(`${kratos}/self-service/logout?token=${randomUUID()}`);
  expect(refusedByProxy(logout), `logout: ${logout.status}`).toBe(false);
  const callback = await requestThroughProxy(`${kratos}/self-service/methods/oidc/callback/none?state=x&code=y`);
  expect(refusedByProxy(callback), `OIDC callback: ${callback.status}`).toBe(false);
});
