import { expect, type Page } from "@playwright/test";
import { waitForCode } from "../fixtures/mail";
import { FlowScreen, HomeScreen } from "../screens/flow-screen";

/** Kratos message ids the steps wait for (Kratos's text/id.go). */
export const messageIds = {
  verificationCodeSent: 1080003,
  verificationSucceeded: 1080002,
  invalidCredentials: 4000006,
} as const;

/** Signs up through Kratos's two steps: the profile, then the password. Ends on the verification screen. */
export async function signUpWithPassword(page: Page, email: string, password: string): Promise<void> {
  const screen = new FlowScreen(page);
  await page.goto("/registration");
  await screen.input("traits.email").fill(email);
  await screen.button("method", "profile").click();
  await screen.input("password").fill(password);
  await screen.button("method", "password").click();
  await expect(screen.heading()).toHaveText("Verify your email address");
  await expect(screen.message(messageIds.verificationCodeSent)).toBeVisible();
}

/** Types the code Kratos mailed to `email` into the verification screen. */
export async function verifyWithMailedCode(page: Page, email: string): Promise<void> {
  const screen = new FlowScreen(page);
  const code = await waitForCode(email);
  await screen.input("code").fill(code);
  await screen.button("method", "code").click();
  await expect(screen.message(messageIds.verificationSucceeded)).toBeVisible();
}

/** Signs in with identifier and password from the login page. */
export async function logInWithPassword(page: Page, email: string, password: string): Promise<void> {
  const screen = new FlowScreen(page);
  await page.goto("/login");
  await screen.input("identifier").fill(email);
  await screen.input("password").fill(password);
  await screen.button("method", "password").click();
}

/** Signs out from the home page and ends on the login page. */
export async function logOut(page: Page): Promise<void> {
  const home = new HomeScreen(page);
  await page.goto("/");
  await home.logoutLink().click();
  await expect(page).toHaveURL(/\/login\?flow=/);
}
