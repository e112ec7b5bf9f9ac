import { addVirtualAuthenticator, waitForWebAuthn } from "../fixtures/virtual-authenticator";
import { expect, test } from "../fixtures/test";
import { FlowScreen, HomeScreen } from "../screens/flow-screen";
import { sessionsOf } from "../fixtures/kratos-admin";
import { logInWithPassword, logOut, messageIds, signUpWithPassword } from "../steps/auth-steps";
import { settingsMessageIds } from "../steps/settings-steps";

test.describe("with JavaScript", () => {
  // WebAuthn needs JavaScript by nature; without it these buttons are not offered at all.
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "WebAuthn and passkeys need JavaScript");

  test("sign up with a passkey; after logout the login page signs in with it through autofill", async ({
    page,
    context,
    email,
  }) => {
    await addVirtualAuthenticator(context, page);
    const screen = new FlowScreen(page);
    await page.goto("/registration");
    await screen.input("traits.email").fill(email);
    await screen.button("method", "profile").click();
    await waitForWebAuthn(page);
    await page.getByRole("button", { name: "Sign up with passkey" }).click();
    await expect(screen.message(messageIds.verificationCodeSent)).toBeVisible();

    // The virtual authenticator answers the login page's conditional (autofill)
    // request at once, as a person picking the passkey from autofill would.
    await page.goto("/");
    await page.getByTestId("logout-link").click();
    await expect(page).toHaveURL("/");
    await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);

    const sessions = await sessionsOf(email);
    expect(sessions.filter((session) => session.active)).toHaveLength(1);
    expect(sessions.filter((session) => !session.active)).toHaveLength(1);
    const active = sessions.find((session) => session.active)!;
    expect(active.authentication_methods?.map((method) => method.method)).toEqual(["passkey"]);
  });

  test("a security key added in settings becomes the second factor", async ({ page, context, email, password }) => {
    await addVirtualAuthenticator(context, page);
    const screen = new FlowScreen(page);
    await signUpWithPassword(page, email, password);
    await page.goto("/settings");
    await screen.input("webauthn_register_displayname").fill("Test key");
    await waitForWebAuthn(page);
    await page.getByRole("button", { name: "Add security key" }).click();
    await expect(screen.message(settingsMessageIds.saved)).toBeVisible();
    await expect(page.getByTestId("flow-group/webauthn")).toContainText("Test key");
    await logOut(page);

    await logInWithPassword(page, email, password);
    await expect(screen.heading()).toHaveText("Second factor");
    await waitForWebAuthn(page);
    await page.getByRole("button", { name: "Sign in with hardware key" }).click();
    await expect(page).toHaveURL("/");
    await expect(page.getByTestId("session-aal")).toContainText("aal2");

    await page.goto("/settings");
    await page.getByTestId("flow-group/webauthn").locator('button[name="webauthn_remove"]').click();
    await expect(screen.message(settingsMessageIds.saved)).toBeVisible();
    await expect(page.getByTestId("flow-group/webauthn")).not.toContainText("Test key");
  });
});

test.describe("without JavaScript", () => {
  test.skip(({ javaScriptEnabled }) => javaScriptEnabled, "only meaningful without JavaScript");

  test("passkey and security-key buttons are not offered", async ({ page, email }) => {
    const screen = new FlowScreen(page);
    await page.goto("/registration");
    await screen.input("traits.email").fill(email);
    await screen.button("method", "profile").click();
    await expect(screen.button("method", "password")).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign up with passkey" })).toBeHidden();
  });
});
