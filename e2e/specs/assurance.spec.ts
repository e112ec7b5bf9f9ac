import { expect, test } from "../fixtures/test";
import { findIdentities, sessionsOf } from "../fixtures/kratos-admin";
import { FlowScreen } from "../screens/flow-screen";
import { logInWithPassword, logOut, signUpWithPassword } from "../steps/auth-steps";
import { linkTotp } from "../steps/settings-steps";

// The route guard is an optimisation; these posts skip it (they are not pages) and
// come from a first-factor session of an account that has TOTP. Kratos's public
// DELETE /sessions would accept that session; our handlers must not.
test.describe.configure({ timeout: 120_000 });

/** Signs in through Kratos's API flow (as a phone app would): one more active session, first factor only. */
async function signInWithApiFlow(kratosPublicUrl: string, email: string, password: string): Promise<void> {
  const flow = (await (await fetch(`${kratosPublicUrl}/self-service/login/api`)).json()) as { id: string };
  const response = await fetch(`${kratosPublicUrl}/self-service/login?flow=${flow.id}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ method: "password", identifier: email, password }),
  });
  expect(response.status).toBe(200);
}

test("revoking sessions and deleting the account need the second factor the account has", async ({
  page,
  email,
  password,
  stack,
}) => {
  const screen = new FlowScreen(page);
  await signUpWithPassword(page, email, password);
  await linkTotp(page);
  await logOut(page);
  await signInWithApiFlow(stack.kratosPublicUrl, email, password);
  await logInWithPassword(page, email, password);
  await expect(screen.heading()).toHaveText("Second factor");
  const before = (await sessionsOf(email)).filter((session) => session.active).length;
  expect(before).toBeGreaterThanOrEqual(2);

  const revoke = await page.request.post("/sessions/revoke", {
    headers: { Origin: stack.appUrl },
    form: { scope: "others" },
    maxRedirects: 0,
  });
  expect(revoke.status()).toBe(303);
  expect(revoke.headers()["location"]).toMatch(/aal=aal2/);
  expect((await sessionsOf(email)).filter((session) => session.active)).toHaveLength(before);

  const deletion = await page.request.post("/account/delete/confirm", {
    headers: { Origin: stack.appUrl },
    form: { confirm_email: email },
    maxRedirects: 0,
  });
  expect(deletion.status()).toBe(303);
  expect(deletion.headers()["location"]).toMatch(/aal=aal2/);
  expect(await findIdentities(email)).toHaveLength(1);
});

test("Kratos records the client address we determined, not the list the client claimed", async ({
  page,
  email,
  password,
}) => {
  const own = `198.18.${Math.floor(Math.random() * 250)}.${2 + Math.floor(Math.random() * 250)}`;
  // The app trusts no proxy on this stack: the last entry is the client's; the first is a forgery.
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": `203.0.113.66, ${own}` });
  await signUpWithPassword(page, email, password);
  await logOut(page);
  await logInWithPassword(page, email, password);
  await expect(page).toHaveURL("/");
  const addresses = (await sessionsOf(email)).flatMap((session) => (session.devices ?? []).map((d) => d.ip_address));
  expect(addresses).toContain(own);
  expect(addresses.join(" ")).not.toContain("203.0.113.66");
});
