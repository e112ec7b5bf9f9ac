import { expect, test } from "../fixtures/test";
import { kratosPublicUrl } from "../stack";
import { FlowScreen, HomeScreen } from "../screens/flow-screen";
import { logInWithPassword, logOut, messageIds, signUpWithPassword, verifyWithMailedCode } from "../steps/auth-steps";

test("sign up, verify by mailed code, log out, log in and see who you are", async ({ page, email, password }) => {
  const home = new HomeScreen(page);

  await signUpWithPassword(page, email, password);
  await verifyWithMailedCode(page, email);
  await new FlowScreen(page).anchor("continue").click();

  await expect(home.sessionEmail()).toHaveText(email);
  await expect(home.address(email)).toContainText("verified");
  await expect(home.address(email)).not.toContainText("not verified");

  await logOut(page);
  await page.goto("/");
  await expect(home.loginLink()).toBeVisible();

  await logInWithPassword(page, email, password);
  await expect(page).toHaveURL("/");
  await expect(home.sessionEmail()).toHaveText(email);
});

test("a wrong password shows Kratos's message and keeps the identifier", async ({ page, email, password }) => {
  const screen = new FlowScreen(page);
  await signUpWithPassword(page, email, password);
  await logOut(page);

  await logInWithPassword(page, email, `${password}-wrong`);
  await expect(screen.message(messageIds.invalidCredentials)).toBeVisible();
  await expect(screen.input("identifier")).toHaveValue(email);
  await expect(screen.input("password")).toHaveValue("");
});

test("the session cookie reaches the browser byte for byte", async ({ page, context, email, password }) => {
  await signUpWithPassword(page, email, password);
  const session = (await context.cookies()).find((cookie) => cookie.name === "ory_kratos_session");
  expect(session, "Kratos's session cookie was relayed").toBeDefined();
  // Kratos's cookies are base64 with '=' padding; a re-encoding relay would turn it into %3D.
  expect(session!.value).not.toContain("%");
  // Kratos itself accepts the exact bytes the browser holds.
  const whoami = await fetch(`${kratosPublicUrl}/sessions/whoami`, {
    headers: { Cookie: `ory_kratos_session=${session!.value}` },
  });
  expect(whoami.status).toBe(200);
  const body = (await whoami.json()) as { identity: { traits: { email: string } } };
  expect(body.identity.traits.email).toBe(email);
});
