// Kratos's HTTP courier (kratos/profiles/courier-http.yml) against the local
// provider stand-in: runs when the suite is started with E2E_COURIER=http, which
// also sends every mail-reading spec's mail this way.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { callApi } from "../../fixtures/json-api";
import { httpCourierLog, waitForCode } from "../../fixtures/mail";
import { expect, test } from "../../fixtures/test";
import { httpCourierUrl } from "../../stack";

test.skip(!httpCourierUrl, "the main stack mails over SMTP unless E2E_COURIER=http");
test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "no browser involved");

test("a sign-up's verification code goes to the provider's API with its key, recipient and template", async ({
  request,
  email,
  password,
}) => {
  const start = await callApi<{ id: string; csrf_token: string }>(request, "GET", "/api/auth/flows/registration");
  await callApi(request, "POST", "/api/auth/flows/registration", {
    data: { flow_id: start.body.data.id, csrf_token: start.body.data.csrf_token, email, password },
  });
  const code = await waitForCode(email);
  const log = await httpCourierLog();
  const sent = log.messages.find((message) => message.to === email);
  // What the receiver checked (recipient, template type, text) and the code the journeys read.
  expect(sent?.channel).toBe("email");
  expect(sent?.templateType).toBe("verification_code_valid");
  expect(sent?.subject).toBeTruthy();
  expect(sent!.text).toContain(code);
  // Kratos always sent the key and a deliverable message (recipient, template type, code): nothing refused.
  expect(log.refused).toBe(0);
});

test("the provider stand-in refuses what a provider would: no key, a wrong recipient or template, no text or code", async ({
  request,
  stack,
}) => {
  const key = (JSON.parse(readFileSync(join(stack.stackDir, "secrets.json"), "utf8")) as { mailApi: string }).mailApi;
  const send = (path: string, data: unknown, headers: Record<string, string>) =>
    request.post(`${httpCourierUrl}${path}`, { data, headers, failOnStatusCode: false });
  const mail = { To: "x@example.com", Subject: "s", TextBody: "code 123456", Tag: "login_code_valid" };
  const before = (await httpCourierLog()).refused;
  expect((await send("/email", mail, {})).status()).toBe(401);
  expect((await send("/email", mail, { "X-Postmark-Server-Token": `${key}x` })).status()).toBe(401);
  const authorised = { "X-Postmark-Server-Token": key };
  expect((await send("/email", { ...mail, To: "not an address" }, authorised)).status()).toBe(422);
  expect((await send("/email", { ...mail, Tag: "made_up" }, authorised)).status()).toBe(422);
  expect((await send("/email", { ...mail, TextBody: " " }, authorised)).status()).toBe(422);
  expect((await send("/email", { ...mail, TextBody: "no code here" }, authorised)).status()).toBe(422);
  // The SMS endpoint takes its own header and only E.164 numbers.
  const sms = { to: "+84987654321", body: "code 123456", template_type: "login_code_valid" };
  expect((await send("/sms", sms, authorised)).status()).toBe(401);
  expect((await send("/sms", { ...sms, to: "0987654321" }, { "X-Api-Key": key })).status()).toBe(422);
  expect((await httpCourierLog()).refused).toBe(before + 8);
  // What passes every check is kept (and then shows in the log the tests read).
  expect((await send("/email", { ...mail, To: "stand-in@example.com" }, authorised)).status()).toBe(200);
  expect((await httpCourierLog()).messages.at(-1)).toMatchObject({ channel: "email", to: "stand-in@example.com" });
});
