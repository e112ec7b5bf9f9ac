// Kratos's HTTP courier (kratos/profiles/courier-http.yml) against the local
// provider stand-in: runs when the suite is started with E2E_COURIER=http, which
// also sends every mail-reading spec's mail this way.
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
  expect(sent?.templateType).toBe("verification_code_valid");
  expect(sent?.subject).toBeTruthy();
  expect(sent!.text).toContain(code);
  // Kratos always sent the key: the stand-in refused nothing it sent, and refuses a caller without it.
  expect(log.refused).toBe(0);
  const anonymous = await request.post(`${httpCourierUrl}/email`, {
    data: { To: "x@example.com", TextBody: "x" },
    failOnStatusCode: false,
  });
  expect(anonymous.status()).toBe(401);
  expect((await httpCourierLog()).refused).toBe(1);
});
