// The native-flows seed's requests, one test each, sent straight to our Kratos
// with our configuration, as a mobile app would: API flows, JSON bodies with
// the seed's dotted keys, session tokens. Where Kratos answers otherwise than
// the seed says, the test follows Kratos and says so.
import { findIdentities } from "../../fixtures/kratos-admin";
import { textMessagesTo, waitForCode, waitForTextCode } from "../../fixtures/mail";
import { vietnamesePhoneNumber } from "../../fixtures/phone";
import { expect, test } from "../../fixtures/test";

test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "no browser involved");

type Flow = { id: string; state?: string; ui: { messages?: { id: number; text: string }[] } };
type Answer = { status: number; body: Record<string, unknown> & Partial<Flow> };

function kratos(base: string) {
  async function call(method: string, path: string, { body, token }: { body?: unknown; token?: string } = {}) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        Accept: "application/json",
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: "manual",
    });
    const text = await response.text();
    const parsed = (text ? JSON.parse(text) : {}) as Answer["body"];
    return { status: response.status, body: parsed };
  }
  return {
    start: (flow: string, token?: string) => call("GET", `/self-service/${flow}/api`, { token }),
    submit: (flow: string, id: string, body: unknown, token?: string) =>
      call("POST", `/self-service/${flow}?flow=${id}`, { body, token }),
    call,
  };
}

async function signUpWithPassword(api: ReturnType<typeof kratos>, email: string, password: string) {
  const flow = await api.start("registration");
  return api.submit("registration", flow.body.id!, {
    method: "password",
    password,
    "traits.email": email,
    "traits.name.first": "John",
    "traits.name.last": "Doe",
  });
}

test("registration with a password (dotted trait keys) answers a session token", async ({ stack, email, password }) => {
  const api = kratos(stack.kratosPublicUrl);
  const flow = await api.start("registration");
  expect(flow.status).toBe(200);
  expect(flow.body).toMatchObject({ type: "api" });
  const done = await signUpWithPassword(api, email, password);
  expect(done.status).toBe(200);
  expect(done.body.session_token).toMatch(/^ory_st_/);
  expect((done.body.identity as { traits: unknown }).traits).toEqual({
    email,
    name: { first: "John", last: "Doe" },
  });
});

test("registration by code with email, phone number and tenant: Kratos v1.3.1 fails on the SMS code", async ({
  stack,
  email,
}) => {
  const api = kratos(stack.kratosPublicUrl);
  const phone = vietnamesePhoneNumber();
  const flow = await api.start("registration");
  const sent = await api.submit("registration", flow.body.id!, {
    csrf_token: "",
    method: "code",
    "traits.email": email,
    "traits.phone_number": phone,
    "traits.tenant": "life_ai",
  });
  // The seed expects a 400 in state sent_email. Kratos v1.3.1 sends a registration code to every
  // code identifier (phone first: addresses are sorted, "+" before letters) and has only an email
  // template for it (selfservice/strategy/code/code_sender.go, SendCode and send): a 500.
  expect(sent.status).toBe(500);
  expect(JSON.stringify(sent.body)).toContain("Expected sms template");
  expect(await textMessagesTo(phone)).toEqual([]);
  expect(await findIdentities(email)).toEqual([]);
});

test("registration by code with email and tenant; the phone number added in settings is verified by SMS", async ({
  stack,
  email,
}) => {
  const api = kratos(stack.kratosPublicUrl);
  const phone = vietnamesePhoneNumber();
  const flow = await api.start("registration");
  const sent = await api.submit("registration", flow.body.id!, {
    csrf_token: "",
    method: "code",
    "traits.email": email,
    "traits.tenant": "life_ai",
  });
  // As the seed shows: a 400 carrying the flow in state sent_email and message 1040005.
  expect(sent.status).toBe(400);
  expect(sent.body.state).toBe("sent_email");
  expect(sent.body.ui!.messages!.map((message) => message.id)).toContain(1040005);
  const code = await waitForCode(email);
  const done = await api.submit("registration", flow.body.id!, {
    csrf_token: "",
    method: "code",
    code,
    "traits.email": email,
    "traits.tenant": "life_ai",
  });
  expect(done.status).toBe(200);
  const token = done.body.session_token as string;
  expect(token).toMatch(/^ory_st_/);
  const traits = (done.body.identity as { traits: Record<string, unknown> }).traits;
  expect(traits).toMatchObject({ email, tenant: "life_ai" });
  expect(traits).not.toHaveProperty("phone_number");

  const settings = await api.start("settings", token);
  const added = await api.submit(
    "settings",
    settings.body.id!,
    { method: "profile", "traits.email": email, "traits.tenant": "life_ai", "traits.phone_number": phone },
    token,
  );
  expect(added.status).toBe(200);
  // Kratos made a verification flow for the new number and texted its code.
  const verification = (
    added.body.continue_with as { action: string; flow?: { id: string; verifiable_address: string } }[]
  ).find((item) => item.action === "show_verification_ui" && item.flow?.verifiable_address === phone)?.flow;
  expect(verification).toBeTruthy();
  const text = await waitForTextCode(phone);
  expect(text.message.templateType).toBe("verification_code_valid");
  const verified = await api.submit("verification", verification!.id, { method: "code", code: text.code });
  expect(verified.status).toBe(200);
  expect(verified.body.state).toBe("passed_challenge");
  const whoami = await api.call("GET", "/sessions/whoami", { token });
  const addresses = (
    whoami.body.identity as { verifiable_addresses: { value: string; via: string; verified: boolean }[] }
  ).verifiable_addresses;
  expect(addresses).toContainEqual(expect.objectContaining({ value: phone, via: "sms", verified: true }));
});

test("login by SMS code with the phone number as identifier; a wrong code gets 4010008", async ({
  stack,
  email,
  password,
}) => {
  const api = kratos(stack.kratosPublicUrl);
  const phone = vietnamesePhoneNumber();
  const signUp = await api.start("registration");
  const registered = await api.submit("registration", signUp.body.id!, {
    method: "password",
    password,
    "traits.email": email,
    "traits.phone_number": phone,
    "traits.tenant": "life_ai",
  });
  expect(registered.status).toBe(200);
  // After sign-up Kratos texts a verification code to the number too: the login code is the next message.
  await waitForTextCode(phone);

  const flow = await api.start("login");
  const sent = await api.submit("login", flow.body.id!, { method: "code", identifier: phone, csrf_token: "" });
  expect(sent.status).toBe(400);
  expect(sent.body.state).toBe("sent_email");
  const text = await waitForTextCode(phone, 2);
  expect(text.message.templateType).toBe("login_code_valid");
  expect(await textMessagesTo(phone)).toHaveLength(2);
  const wrong = await api.submit("login", flow.body.id!, {
    method: "code",
    identifier: phone,
    code: text.code === "000000" ? "111111" : "000000",
    csrf_token: "",
  });
  expect(wrong.status).toBe(400);
  expect(wrong.body.ui!.messages!.map((message) => message.id)).toContain(4010008);
  const right = await api.submit("login", flow.body.id!, {
    method: "code",
    identifier: phone,
    code: text.code,
    csrf_token: "",
  });
  expect(right.status).toBe(200);
  expect(right.body.session_token).toMatch(/^ory_st_/);
  // Signing in with a code proves the number: Kratos marks it verified (strategy_login.go, loginVerifyCode).
  // Measured: in its stored copy only; the answer's session still shows the number unverified.
  const whoami = await api.call("GET", "/sessions/whoami", { token: right.body.session_token as string });
  const addresses = (whoami.body.identity as { verifiable_addresses: { value: string; verified: boolean }[] })
    .verifiable_addresses;
  expect(addresses).toContainEqual(expect.objectContaining({ value: phone, verified: true }));
});

test("login with a password answers a session token; wrong ones get 4000006", async ({ stack, email, password }) => {
  const api = kratos(stack.kratosPublicUrl);
  await signUpWithPassword(api, email, password);
  const flow = await api.start("login");
  expect(flow.body).toMatchObject({ type: "api", requested_aal: "aal1" });
  const wrong = await api.submit("login", flow.body.id!, {
    method: "password",
    identifier: email,
    password: "nope-nope",
  });
  expect(wrong.status).toBe(400);
  expect(wrong.body.ui!.messages!.map((message) => message.id)).toContain(4000006);
  const right = await api.submit("login", flow.body.id!, { method: "password", identifier: email, password });
  expect(right.status).toBe(200);
  expect(right.body.session_token).toMatch(/^ory_st_/);
  expect(right.body.session).toMatchObject({ active: true, authenticator_assurance_level: "aal1" });
});

test("settings with a session token: profile update and password change", async ({ stack, email, password }) => {
  const api = kratos(stack.kratosPublicUrl);
  const token = (await signUpWithPassword(api, email, password)).body.session_token as string;
  const flow = await api.start("settings", token);
  expect(flow.status).toBe(200);
  const profile = await api.submit(
    "settings",
    flow.body.id!,
    { method: "profile", "traits.email": email, "traits.name.first": "Jane" },
    token,
  );
  expect(profile.status).toBe(200);
  expect(profile.body.state).toBe("success");
  expect((profile.body.identity as { traits: { name: { first: string } } }).traits.name.first).toBe("Jane");
  const changed = await api.submit(
    "settings",
    flow.body.id!,
    { method: "password", password: `${password}-new` },
    token,
  );
  expect(changed.status).toBe(200);
  expect(changed.body.state).toBe("success");
  const login = await api.start("login");
  const relogin = await api.submit("login", login.body.id!, {
    method: "password",
    identifier: email,
    password: `${password}-new`,
  });
  expect(relogin.status).toBe(200);
});

test("recovery by code: the code is mailed and accepted", async ({ stack, email, password }) => {
  const api = kratos(stack.kratosPublicUrl);
  await signUpWithPassword(api, email, password);
  const flow = await api.start("recovery");
  expect(flow.status).toBe(200);
  const sent = await api.submit("recovery", flow.body.id!, { method: "code", email });
  expect(sent.status).toBe(200);
  expect(sent.body.state).toBe("sent_email");
  // The first mail to this address is the verification code Kratos sent after sign-up.
  const code = await waitForCode(email, 2);
  const done = await api.submit("recovery", flow.body.id!, { method: "code", code });
  // Measured: not the seed's `redirect_browser_to`, but a session token and the settings flow to set a new password in.
  expect(done.status).toBe(200);
  expect(done.body.state).toBe("passed_challenge");
  const continueWith = done.body.continue_with as {
    action: string;
    ory_session_token?: string;
    flow?: { id: string };
  }[];
  const token = continueWith.find((item) => item.action === "set_ory_session_token")?.ory_session_token;
  const settings = continueWith.find((item) => item.action === "show_settings_ui")?.flow?.id;
  expect(token).toMatch(/^ory_st_/);
  expect(settings).toBeTruthy();
  const changed = await api.submit(
    "settings",
    settings!,
    { method: "password", password: `${password}-recovered` },
    token,
  );
  expect(changed.status).toBe(200);
  expect(changed.body.state).toBe("success");
});

test("verification by code marks the address verified", async ({ stack, email, password }) => {
  const api = kratos(stack.kratosPublicUrl);
  const token = (await signUpWithPassword(api, email, password)).body.session_token as string;
  const flow = await api.start("verification");
  const sent = await api.submit("verification", flow.body.id!, { method: "code", email });
  expect(sent.status).toBe(200);
  expect(sent.body.state).toBe("sent_email");
  const code = await waitForCode(email, 2);
  const done = await api.submit("verification", flow.body.id!, { method: "code", code });
  expect(done.status).toBe(200);
  expect(done.body.state).toBe("passed_challenge");
  const whoami = await api.call("GET", "/sessions/whoami", { token });
  const addresses = (whoami.body.identity as { verifiable_addresses: { value: string; verified: boolean }[] })
    .verifiable_addresses;
  expect(addresses).toEqual([expect.objectContaining({ value: email, verified: true })]);
});

test("whoami and logout with the session token", async ({ stack, email, password }) => {
  const api = kratos(stack.kratosPublicUrl);
  const token = (await signUpWithPassword(api, email, password)).body.session_token as string;
  expect((await api.call("GET", "/sessions/whoami", { token })).status).toBe(200);
  // Measured: the seed's DELETE with only an Authorization header is refused (400); Kratos reads the token from the body.
  expect((await api.call("DELETE", "/self-service/logout/api", { token })).status).toBe(400);
  expect((await api.call("DELETE", "/self-service/logout/api", { body: { session_token: token } })).status).toBe(204);
  expect((await api.call("GET", "/sessions/whoami", { token })).status).toBe(401);
});
