// Kratos's web hooks into the app's own database, with the real Kratos: a
// sign-up makes the app's user record (synchronously, before the session is
// issued), a verification marks it, and the hook endpoints refuse callers
// without the key Kratos sends.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createIdentity } from "../../fixtures/kratos-admin";
import { callApi } from "../../fixtures/json-api";
import { waitForCode } from "../../fixtures/mail";
import { expect, test } from "../../fixtures/test";

type Flow = { id: string; csrf_token: string };
type User = { id: string; app_user: { created_at: string; verified_at: string | null } | null };

test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "no browser involved");

/** The key scripts/stack.mjs made for this stack and gave both Kratos and the app. */
function webhookKey(stackDir: string): string {
  return (JSON.parse(readFileSync(join(stackDir, "secrets.json"), "utf8")) as { webhook: string }).webhook;
}

test("sign-up records the user in the app's database; verification marks it", async ({
  request,
  email,
  password,
  stack,
}) => {
  const start = await callApi<Flow>(request, "GET", "/api/auth/flows/registration");
  const signedUp = await callApi<{ session: { identity: { id: string } } }>(
    request,
    "POST",
    "/api/auth/flows/registration",
    {
      data: { flow_id: start.body.data.id, csrf_token: start.body.data.csrf_token, email, password },
    },
  );
  expect(signedUp.status).toBe(200);
  const identityId = signedUp.body.data.session.identity.id;

  const before = await callApi<User>(request, "GET", "/api/auth/whoami");
  expect(before.body.data.id).toBe(identityId);
  expect(before.body.data.app_user).not.toBeNull();
  expect(before.body.data.app_user!.verified_at).toBeNull();

  // Verified with a native verification flow, as a mobile app would (the seed's requests).
  const kratos = stack.kratosPublicUrl;
  const json = { Accept: "application/json", "Content-Type": "application/json" };
  const flow = (await (await fetch(`${kratos}/self-service/verification/api`, { headers: json })).json()) as {
    id: string;
  };
  const send = await fetch(`${kratos}/self-service/verification?flow=${flow.id}`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ method: "code", email }),
  });
  expect(send.status).toBe(200);
  // The first mail is the one Kratos sent after sign-up; this flow's code is in the second.
  const code = await waitForCode(email, 2);
  const verify = await fetch(`${kratos}/self-service/verification?flow=${flow.id}`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ method: "code", code }),
  });
  expect(((await verify.json()) as { state: string }).state).toBe("passed_challenge");

  const after = await callApi<User>(request, "GET", "/api/auth/whoami");
  expect(after.body.data.app_user!.verified_at).not.toBeNull();
  expect(after.body.data.app_user!.created_at).toBe(before.body.data.app_user!.created_at);
});

test("the hook endpoints refuse callers without Kratos's key and take a retry as a no-op", async ({
  request,
  stack,
}) => {
  const identity = { id: randomUUID(), traits: { email: "hook@example.com" }, verifiable_addresses: [] };
  // Kratos calls the hooks by the app's internal address (scripts/stack-kratos-config.mjs), not its public name.
  const internal = `http://127.0.0.1:${stack.ports.app}`;
  const post = (path: string, key?: string, origin = internal) =>
    request.post(`${origin}${path}`, {
      data: { identity },
      headers: key === undefined ? {} : { "X-Webhook-Key": key },
      failOnStatusCode: false,
    });

  expect((await post("/internal/auth/user-created")).status()).toBe(401);
  expect((await post("/internal/auth/user-created", "wrong")).status()).toBe(401);
  expect((await post("/internal/auth/user-created", `${webhookKey(stack.stackDir)}x`)).status()).toBe(401);

  const key = webhookKey(stack.stackDir);
  const first = await post("/internal/auth/user-created", key);
  expect(first.status()).toBe(200);
  expect(await first.json()).toEqual({ success: true, created: true });
  const retry = await post("/internal/auth/user-created", key);
  expect(await retry.json()).toEqual({ success: true, created: false });

  // The right key on the public name (as through the Ingress or the TLS proxy) finds nothing.
  const publicName = await post("/internal/auth/user-created", key, stack.appUrl);
  expect(publicName.status()).toBe(404);
  expect(new URL(stack.appUrl).hostname).toBe("localhost");

  const notAnIdentity = await request.post(`${internal}/internal/auth/user-created`, {
    data: { identity: { id: "1; DROP TABLE app_users" } },
    headers: { "X-Webhook-Key": key },
    failOnStatusCode: false,
  });
  expect(notAnIdentity.status()).toBe(400);
});

test("an identity no hook told us of (made through Kratos's admin API) gets its record on its first call", async ({
  request,
  email,
  password,
}) => {
  // The admin API runs no registration hooks: the app has no record of this identity yet.
  const identity = await createIdentity(email, password, { verified: true });
  const start = await callApi<Flow>(request, "GET", "/api/auth/flows/login");
  const signedIn = await callApi(request, "POST", "/api/auth/flows/login", {
    data: { flow_id: start.body.data.id, csrf_token: start.body.data.csrf_token, identifier: email, password },
  });
  expect(signedIn.status).toBe(200);

  const first = await callApi<User>(request, "GET", "/api/auth/whoami");
  expect(first.body.data.id).toBe(identity.id);
  expect(first.body.data.app_user).not.toBeNull();
  expect(first.body.data.app_user!.verified_at).not.toBeNull();
  const again = await callApi<User>(request, "GET", "/api/auth/whoami");
  expect(again.body.data.app_user).toEqual(first.body.data.app_user);
});
