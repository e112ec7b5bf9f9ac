import { waitForCode } from "../fixtures/mail";
import { expect, test } from "../fixtures/test";
import { FlowScreen, HomeScreen } from "../screens/flow-screen";
import { logOut, messageIds, signUpWithPassword } from "../steps/auth-steps";
import { tabOnceTo, tabTo } from "../steps/keyboard-steps";
import { recoveryMessageIds } from "../steps/recovery-steps";
import { linkTotp, totpCode } from "../steps/settings-steps";

// Journeys with the keyboard alone (no click, no fill): every step is reached
// with Tab in a sensible order, typed, and submitted with Enter. The set-up
// before a journey (an account, an authenticator app) uses the usual steps.

test("sign up with the keyboard", async ({ page, email, password }) => {
  const screen = new FlowScreen(page);
  await page.goto("/registration");
  // The skip link comes first, then the page's first field.
  const order = await tabTo(page, screen.input("traits.email"));
  expect(order[0]).toBe("Skip to content");
  await page.keyboard.type(email);
  await page.keyboard.press("Enter");
  await expect(screen.input("password")).toBeVisible();
  await tabTo(page, screen.input("password"));
  await page.keyboard.type(password);
  await page.keyboard.press("Enter");
  await expect(screen.message(messageIds.verificationCodeSent)).toBeVisible();
  await tabTo(page, screen.input("code"));
  await page.keyboard.type(await waitForCode(email));
  await page.keyboard.press("Enter");
  await expect(screen.message(messageIds.verificationSucceeded)).toBeVisible();
});

test("sign in with a password and an authenticator app, with the keyboard", async ({ page, email, password }) => {
  const screen = new FlowScreen(page);
  await signUpWithPassword(page, email, password);
  const secret = await linkTotp(page);
  await logOut(page);

  const order = await tabTo(page, screen.input("identifier"));
  expect(order[0]).toBe("Skip to content");
  await page.keyboard.type(email);
  // Identifier, then password: the order the labels read in.
  await tabOnceTo(page, screen.input("password"));
  await page.keyboard.type(password);
  await page.keyboard.press("Enter");

  await expect(screen.heading()).toHaveText("Second factor");
  await tabTo(page, screen.input("totp_code"));
  await page.keyboard.type(totpCode(secret));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/");
  await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);
});

test("recover an account with the keyboard", async ({ page, email, password }) => {
  const screen = new FlowScreen(page);
  await signUpWithPassword(page, email, password);
  await logOut(page);

  // From the login page's "Forgot your password?" link, by Tab and Enter.
  await tabTo(page, page.getByTestId("forgot-password-link"));
  await page.keyboard.press("Enter");
  await expect(screen.heading()).toHaveText("Recover your account");
  await tabTo(page, screen.input("email"));
  await page.keyboard.type(email);
  await page.keyboard.press("Enter");
  await expect(screen.message(recoveryMessageIds.recoveryCodeSent)).toBeVisible();
  await tabTo(page, screen.input("code"));
  // The second mail: the first was the sign-up's verification code.
  await page.keyboard.type(await waitForCode(email, 2));
  await page.keyboard.press("Enter");
  // Recovery signs in and opens settings to choose a new password.
  await expect(screen.heading()).toHaveText("Account settings");
  // Past the profile's fields, to the password section.
  await tabTo(page, screen.input("password"), 60);
  await page.keyboard.type(`${password}-new`);
  await page.keyboard.press("Enter");
  await expect(screen.message(recoveryMessageIds.settingsSaved)).toBeVisible();
});
