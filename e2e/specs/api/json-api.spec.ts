// The JSON API of the backend seed (/api/auth/…, /api/documents) against the
// real stack, as a browser on this site and as a native app. Every answer is
// checked against the served OpenAPI document (e2e/fixtures/json-api.ts).
import type { APIRequestContext } from "@playwright/test";
import { callApi } from "../../fixtures/json-api";
import { deleteIdentities } from "../../fixtures/kratos-admin";
import { waitForTextCode } from "../../fixtures/mail";
import { vietnamesePhoneNumber } from "../../fixtures/phone";
import { expect, test } from "../../fixtures/test";

type Flow = { id: string; type: string; csrf_token: string };
type SessionResult = { session: { identity: { id: string; traits: Record<string, unknown> } }; session_token?: string };
type User = {
  id: string;
  email: string;
  first_name: string;
  authenticated: boolean;
  app_user: { verified_at: string | null } | null;
};

// These are HTTP clients, not pages: JavaScript on or off changes nothing, so they run once.
test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "no browser involved");

const nativeHeaders = (token = "") => ({ "X-Session-Token": token });

async function browserSignUp(request: APIRequestContext, email: string, password: string) {
  const start = await callApi<Flow>(request, "GET", "/api/auth/flows/registration");
  expect(start.status).toBe(200);
  const submitted = await callApi<SessionResult>(request, "POST", "/api/auth/flows/registration", {
    data: {
      flow_id: start.body.data.id,
      csrf_token: start.body.data.csrf_token,
      email,
      password,
      first_name: "John",
      last_name: "Doe",
    },
  });
  return { start, submitted };
}

test("a browser signs up, is who it says, and signs out, with Kratos's cookies relayed", async ({
  request,
  email,
  password,
}) => {
  const { start, submitted } = await browserSignUp(request, email, password);
  expect(start.body.data.type).toBe("browser");
  expect(start.body.data.csrf_token).not.toBe("");
  expect(start.setCookies.some((cookie) => cookie.startsWith("csrf_token_"))).toBe(true);

  expect(submitted.status).toBe(200);
  expect(submitted.body.data.session.identity.traits.email).toBe(email);
  expect(submitted.body.data.session_token).toBeUndefined();
  expect(submitted.setCookies.some((cookie) => cookie.startsWith("ory_kratos_session="))).toBe(true);

  const whoami = await callApi<User>(request, "GET", "/api/auth/whoami");
  expect(whoami.status).toBe(200);
  expect(whoami.body.data).toMatchObject({
    id: submitted.body.data.session.identity.id,
    email,
    first_name: "John",
    last_name: "Doe",
    authenticated: true,
  });

  const logout = await callApi<{ logout_url: string; logout_token: string }>(request, "GET", "/api/auth/flows/logout");
  expect(logout.status).toBe(200);
  expect(logout.body.data.logout_url).toContain("/self-service/logout?token=");
  const done = await callApi(request, "DELETE", "/api/auth/flows/logout", {
    data: { logout_token: logout.body.data.logout_token },
  });
  expect(done.status).toBe(200);
  expect(
    done.setCookies.some(
      (cookie) => cookie.startsWith("ory_kratos_session=;") || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(cookie),
    ),
  ).toBe(true);

  const after = await callApi(request, "GET", "/api/auth/whoami");
  expect(after.status).toBe(401);
  expect(after.body).toEqual({ success: false, error: "Invalid session", code: "invalid_session" });
});

test("a browser signs in; wrong credentials and bad fields come back as Kratos's messages", async ({
  request,
  email,
  password,
  playwright,
}) => {
  const other = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  await browserSignUp(other, email, password);
  await other.dispose();

  const start = await callApi<Flow>(request, "GET", "/api/auth/flows/login");
  const flow = { flow_id: start.body.data.id, csrf_token: start.body.data.csrf_token };
  const wrong = await callApi(request, "POST", "/api/auth/flows/login", {
    data: { ...flow, identifier: email, password: `${password}-wrong` },
  });
  expect(wrong.status).toBe(400);
  expect(wrong.body.error).toMatch(/The provided credentials are invalid/);
  expect(wrong.body.flow_id).toBe(start.body.data.id);

  const right = await callApi<SessionResult>(request, "POST", "/api/auth/flows/login", {
    data: { ...flow, identifier: email, password },
  });
  expect(right.status).toBe(200);
  expect(right.setCookies.some((cookie) => cookie.startsWith("ory_kratos_session="))).toBe(true);
  expect((await callApi<User>(request, "GET", "/api/auth/whoami")).body.data.email).toBe(email);

  // A field Kratos refuses comes back under the API's name for it.
  const registration = await callApi<Flow>(request, "GET", "/api/auth/flows/registration");
  expect(registration.status).toBe(400);
  expect(registration.body.code).toBe("session_already_available");
  const fresh = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const signUp = await callApi<Flow>(fresh, "GET", "/api/auth/flows/registration");
  const invalid = await callApi(fresh, "POST", "/api/auth/flows/registration", {
    data: { flow_id: signUp.body.data.id, csrf_token: signUp.body.data.csrf_token, email: "not-an-address", password },
  });
  expect(invalid.status).toBe(400);
  expect(invalid.body.fields?.email?.[0]).toMatch(/is not valid "email"/);
  await fresh.dispose();
});

test("the browser JSON API refuses other sites, missing CSRF tokens and other content types", async ({ request }) => {
  const start = await callApi<Flow>(request, "GET", "/api/auth/flows/login");
  const crossSite = await callApi(request, "POST", "/api/auth/flows/login", {
    data: {
      flow_id: start.body.data.id,
      csrf_token: start.body.data.csrf_token,
      identifier: "a@example.com",
      password: "x",
    },
    headers: { Origin: "https://evil.example" },
  });
  expect(crossSite.status).toBe(403);
  expect(crossSite.body.code).toBe("cross_site");

  const noToken = await callApi(request, "POST", "/api/auth/flows/login", {
    data: { flow_id: start.body.data.id, identifier: "a@example.com", password: "x" },
  });
  expect(noToken.status).toBe(403);
  expect(noToken.body.code).toBe("security_csrf_violation");

  const form = await request.post("/api/auth/flows/login", {
    form: { flow_id: start.body.data.id },
    failOnStatusCode: false,
  });
  expect(form.status()).toBe(415);
});

test("the login budget per account is shared with the form relay and answered with 429", async ({ request, email }) => {
  const start = await callApi<Flow>(request, "GET", "/api/auth/flows/login");
  const attempt = () =>
    callApi(request, "POST", "/api/auth/flows/login", {
      data: {
        flow_id: start.body.data.id,
        csrf_token: start.body.data.csrf_token,
        identifier: email,
        password: "wrong-password",
      },
    });
  // The main stack keeps the default per-account budget: 10 attempts in 5 minutes.
  for (let attemptNumber = 1; attemptNumber <= 10; attemptNumber++) expect((await attempt()).status).toBe(400);
  const refused = await attempt();
  expect(refused.status).toBe(429);
  expect(refused.body.code).toBe("rate_limited");
});

test("a native app gets API flows and a session token, and logs out with it", async ({ request, email, password }) => {
  const start = await callApi<Flow>(request, "GET", "/api/auth/flows/registration", { headers: nativeHeaders() });
  expect(start.body.data.type).toBe("api");
  expect(start.setCookies).toEqual([]);
  const signedUp = await callApi<SessionResult>(request, "POST", "/api/auth/flows/registration", {
    headers: nativeHeaders(),
    data: { flow_id: start.body.data.id, email, password, first_name: "Native" },
  });
  expect(signedUp.status).toBe(200);
  expect(signedUp.setCookies).toEqual([]);
  const token = signedUp.body.data.session_token!;
  expect(token).toMatch(/^ory_st_/);

  const login = await callApi<Flow>(request, "GET", "/api/auth/flows/login", { headers: nativeHeaders() });
  const signedIn = await callApi<SessionResult>(request, "POST", "/api/auth/flows/login", {
    headers: nativeHeaders(),
    data: { flow_id: login.body.data.id, identifier: email, password },
  });
  expect(signedIn.body.data.session_token).toMatch(/^ory_st_/);

  const whoami = await callApi<User>(request, "GET", "/api/auth/whoami", {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(whoami.body.data).toMatchObject({ email, first_name: "Native", authenticated: true });

  expect((await callApi(request, "GET", "/api/auth/flows/logout", { headers: nativeHeaders(token) })).status).toBe(400);
  expect((await callApi(request, "DELETE", "/api/auth/flows/logout", { headers: nativeHeaders(token) })).status).toBe(
    200,
  );
  expect((await callApi(request, "GET", "/api/auth/whoami", { headers: nativeHeaders(token) })).status).toBe(401);
  // The other session, from the login, is still alive.
  const other = await callApi(request, "GET", "/api/auth/whoami", {
    headers: nativeHeaders(signedIn.body.data.session_token),
  });
  expect(other.status).toBe(200);
});

test("documents: 401 without a session, and each user sees only their own", async ({
  request,
  email,
  password,
  playwright,
}) => {
  const anonymous = await callApi(request, "GET", "/api/documents");
  expect(anonymous.status).toBe(401);
  expect(anonymous.body).toMatchObject({ success: false, error: "Invalid session" });
  expect((await callApi(request, "POST", "/api/documents", { data: { title: "x" } })).status).toBe(401);

  const { submitted } = await browserSignUp(request, email, password);
  const aliceId = submitted.body.data.session.identity.id;
  const created = await callApi<{ id: string; title: string }>(request, "POST", "/api/documents", {
    data: { title: "Alice's plan", body: "for Alice only" },
  });
  expect(created.status).toBe(201);
  const invalid = await callApi(request, "POST", "/api/documents", { data: { title: "" } });
  expect(invalid.status).toBe(400);
  expect(invalid.body.fields?.title).toBeTruthy();

  const mine = await callApi<{ user_id: string; documents: { id: string }[] }>(request, "GET", "/api/documents");
  expect(mine.body.data.user_id).toBe(aliceId);
  expect(mine.body.data.documents.map((document) => document.id)).toEqual([created.body.data.id]);

  const bobEmail = `bob-${email}`;
  const bob = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    await browserSignUp(bob, bobEmail, password);
    const bobs = await callApi<{ documents: unknown[] }>(bob, "GET", "/api/documents");
    expect(bobs.status).toBe(200);
    expect(bobs.body.data.documents).toEqual([]);
  } finally {
    await bob.dispose();
    await deleteIdentities(bobEmail);
  }
});

test("a phone number: sign-up by code says Kratos v1.3.1 cannot text it; with a password, sign-in by SMS code", async ({
  request,
  email,
  password,
}) => {
  const phone = vietnamesePhoneNumber();
  const native = nativeHeaders();
  const byCode = await callApi<Flow>(request, "GET", "/api/auth/flows/registration", { headers: native });
  const refused = await callApi(request, "POST", "/api/auth/flows/registration", {
    headers: native,
    data: { flow_id: byCode.body.data.id, method: "code", email, phone_number: phone, tenant: "life_ai" },
  });
  expect(refused.status).toBe(400);
  expect(refused.body.code).toBe("registration_code_by_sms");
  expect(refused.body.fields).toHaveProperty("phone_number");

  const start = await callApi<Flow>(request, "GET", "/api/auth/flows/registration", { headers: native });
  const signedUp = await callApi<SessionResult>(request, "POST", "/api/auth/flows/registration", {
    headers: native,
    data: { flow_id: start.body.data.id, email, password, phone_number: phone, tenant: "life_ai" },
  });
  expect(signedUp.status).toBe(200);
  expect(signedUp.body.data.session.identity.traits).toMatchObject({ phone_number: phone, tenant: "life_ai" });
  await waitForTextCode(phone); // the verification code Kratos texts after sign-up

  const login = await callApi<Flow>(request, "GET", "/api/auth/flows/login", { headers: native });
  const sent = await callApi<{ state: string }>(request, "POST", "/api/auth/flows/login", {
    headers: native,
    data: { flow_id: login.body.data.id, method: "code", identifier: phone },
  });
  expect(sent.status).toBe(200);
  expect(sent.body.data.state).toBe("sent_email");
  const { code } = await waitForTextCode(phone, 2);
  const signedIn = await callApi<SessionResult>(request, "POST", "/api/auth/flows/login", {
    headers: native,
    data: { flow_id: login.body.data.id, method: "code", identifier: phone, code },
  });
  expect(signedIn.status).toBe(200);
  expect(signedIn.body.data.session_token).toMatch(/^ory_st_/);
});
