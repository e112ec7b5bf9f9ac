import { expect, type Page } from "@playwright/test";
import { type ControlledAuthenticator, waitForPasskeyAutofillRequest } from "../fixtures/controlled-authenticator";
import { waitForCode } from "../fixtures/mail";
import { waitForWebAuthn } from "../fixtures/virtual-authenticator";
import { FlowScreen, HomeScreen } from "../screens/flow-screen";

/** Kratos message ids the steps wait for (Kratos's text/id.go). */
export const messageIds = {
  verificationCodeSent: 1080003,
  verificationSucceeded: 1080002,
  invalidCredentials: 4000006,
  /** "This account does not exist or has no security key set up." */
  unknownPasskey: 4000015,
} as const;

/** Goes through Kratos's two registration steps: the profile, then the password. */
export async function submitRegistration(page: Page, email: string, password: string): Promise<void> {
  const screen = new FlowScreen(page);
  await page.goto("/registration");
  await screen.input("traits.email").fill(email);
  await screen.button("method", "profile").click();
  await screen.input("password").fill(password);
  await screen.button("method", "password").click();
}

/** Signs up with a password. Ends on the verification screen, which says a code was mailed. */
export async function signUpWithPassword(page: Page, email: string, password: string): Promise<void> {
  const screen = new FlowScreen(page);
  await submitRegistration(page, email, password);
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

/**
 * Signs out and ends on the login page with its passkey autofill request made
 * but left unanswered, so that only the "Sign in with passkey" button signs in:
 * otherwise the virtual authenticator answers autofill at once.
 */
export async function logOutLeavingPasskeyAutofillUnanswered(
  page: Page,
  authenticator: ControlledAuthenticator,
): Promise<void> {
  await authenticator.answerAutomatically(false);
  await logOut(page);
  await waitForPasskeyAutofillRequest(page);
  await authenticator.answerAutomatically(true);
}

/** Presses "Sign in with passkey" on the login page on screen (an authenticator must be attached). */
export async function logInWithPasskey(page: Page): Promise<void> {
  const screen = new FlowScreen(page);
  await waitForWebAuthn(page);
  await screen.trigger("passkey_login_trigger").click();
}

/**
 * Posts a backup code to the second-factor flow on screen through our relay,
 * whether or not the page offers the field (as a form left open in another tab
 * would), and shows the page the relay sends the browser to.
 */
export async function postBackupCode(page: Page, code: string): Promise<void> {
  const screen = new FlowScreen(page);
  const flowId = new URL(page.url()).searchParams.get("flow");
  expect(flowId).toBeTruthy();
  const csrfToken = await screen.csrfToken().first().inputValue();
  const response = await page.request.post(`/self-service/login?flow=${flowId}`, {
    form: { csrf_token: csrfToken, method: "lookup_secret", lookup_secret: code },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(303);
  await page.goto(response.headers()["location"]!);
}
