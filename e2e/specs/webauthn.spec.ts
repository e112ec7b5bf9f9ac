import type { Page } from "@playwright/test";
import { addVirtualAuthenticator, waitForWebAuthn } from "../fixtures/virtual-authenticator";
import { ControlledAuthenticator } from "../fixtures/controlled-authenticator";
import { expect, test } from "../fixtures/test";
import { FlowScreen, HomeScreen } from "../screens/flow-screen";
import { sessionsOf } from "../fixtures/kratos-admin";
import { passkeyIdsOf } from "../fixtures/identity-credentials";
import {
  logInWithPasskey,
  logInWithPassword,
  logOut,
  logOutLeavingPasskeyAutofillUnanswered,
  messageIds,
  signUpWithPassword,
} from "../steps/auth-steps";
import { addPasskeyInSettings, removePasskeyInSettings, settingsMessageIds } from "../steps/settings-steps";

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
    await expect(page.getByTestId("session-aal")).toHaveAttribute("data-aal", "aal2");

    await page.goto("/settings");
    await page.getByTestId("flow-group/webauthn").locator('button[name="webauthn_remove"]').click();
    await expect(screen.message(settingsMessageIds.saved)).toBeVisible();
    await expect(page.getByTestId("flow-group/webauthn")).not.toContainText("Test key");
  });

  test("a passkey added in settings signs in after logout; once removed, it is gone", async ({
    page,
    context,
    email,
    password,
  }) => {
    const authenticator = await ControlledAuthenticator.attach(context, page);
    const screen = new FlowScreen(page);
    await signUpWithPassword(page, email, password);
    const listedId = await addPasskeyInSettings(page);

    // Kratos stored the very passkey the authenticator made, and settings lists it under that id.
    const held = await authenticator.credentialIds();
    expect(held).toHaveLength(1);
    expect(await passkeyIdsOf(email)).toEqual(held);
    expect(Buffer.from(held[0]!, "base64").toString("hex")).toBe(listedId);

    await logOutLeavingPasskeyAutofillUnanswered(page, authenticator);
    await logInWithPasskey(page);
    await expect(page).toHaveURL("/");
    await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);
    const active = (await sessionsOf(email)).filter((session) => session.active);
    expect(active).toHaveLength(1);
    expect(active[0]!.authentication_methods?.map((method) => method.method)).toEqual(["passkey"]);

    await removePasskeyInSettings(page, listedId);
    await expect(screen.buttonsNamed("passkey_remove")).toHaveCount(0);
    await expect(screen.trigger("passkey_register_trigger")).toBeVisible();
    expect(await passkeyIdsOf(email)).toEqual([]);

    // The authenticator still holds the passkey, but Kratos no longer accepts it.
    await logOutLeavingPasskeyAutofillUnanswered(page, authenticator);
    await logInWithPasskey(page);
    await expect(screen.message(messageIds.unknownPasskey)).toBeVisible();
    await expect(page).toHaveURL(/\/login\?flow=/);
    expect((await sessionsOf(email)).filter((session) => session.active)).toHaveLength(0);
  });
});

// One sign-in, one post: Kratos's script posts with form.submit(), and with passkey
// autofill pending a second request (the button again, or autofill restarted after
// a refused request) can resolve too; public/enhance.js lets only the first through.
// A second post would land on a used flow: a restart or an error instead of home.
test.describe("one post per passkey sign-in", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "WebAuthn and passkeys need JavaScript");

  const countLoginPosts = (page: Page): string[] => {
    const posts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && new URL(request.url()).pathname === "/self-service/login")
        posts.push(request.url());
    });
    return posts;
  };

  test("presence proved automatically: autofill answers at once while the button is pressed", async ({
    page,
    context,
    email,
    password,
  }) => {
    await ControlledAuthenticator.attach(context, page);
    await signUpWithPassword(page, email, password);
    await addPasskeyInSettings(page);
    const posts = countLoginPosts(page);
    await page.goto("/");
    await new HomeScreen(page).logoutLink().click();
    await page.waitForURL(/\/login\?flow=/);
    // The button pressed the moment Kratos's script is ready, as autofill answers: two requests, two submit() calls.
    await page
      .evaluate(
        () =>
          new Promise<void>((resolve) => {
            const press = () => {
              document.querySelector<HTMLButtonElement>('[data-onclick-trigger="oryPasskeyLogin"]')?.click();
              resolve();
            };
            if (document.documentElement.dataset.webauthnReady) press();
            else addEventListener("load", press);
          }),
      )
      .catch(() => undefined); // the page may already be on its way home
    await expect(page).toHaveURL("/");
    await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);
    // Anything posted late would show up here.
    await page.waitForTimeout(1000);
    expect(posts).toHaveLength(1);
    expect((await sessionsOf(email)).filter((session) => session.active)).toHaveLength(1);
  });

  test("no presence at first: autofill left pending, then the button", async ({ page, context, email, password }) => {
    const authenticator = await ControlledAuthenticator.attach(context, page);
    await signUpWithPassword(page, email, password);
    await addPasskeyInSettings(page);
    await logOutLeavingPasskeyAutofillUnanswered(page, authenticator);
    const posts = countLoginPosts(page);
    await logInWithPasskey(page);
    await expect(page).toHaveURL("/");
    await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);
    await page.waitForTimeout(1000);
    expect(posts).toHaveLength(1);
    expect((await sessionsOf(email)).filter((session) => session.active)).toHaveLength(1);
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

  test("settings offer no passkey button", async ({ page, email, password }) => {
    const screen = new FlowScreen(page);
    await signUpWithPassword(page, email, password);
    await page.goto("/settings");
    await expect(screen.button("method", "password")).toBeVisible();
    // Kratos sends the button; the page holds it but never shows it without JavaScript.
    await expect(screen.trigger("passkey_register_trigger")).toBeAttached();
    await expect(screen.trigger("passkey_register_trigger")).toBeHidden();
    await expect(page.getByRole("button", { name: /passkey/i })).toHaveCount(0);
    // With nothing registered, the passkey and security-key sections have nothing that works without JavaScript.
    await expect(screen.group("passkey")).toBeHidden();
    await expect(screen.group("webauthn")).toBeHidden();
    await expect(screen.group("password")).toBeVisible();
  });
});
