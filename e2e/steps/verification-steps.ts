import { expect, type Page } from "@playwright/test";
import { FlowScreen } from "../screens/flow-screen";

/** Kratos message ids of the verification flow (Kratos's text/id.go). */
export const verificationMessageIds = {
  codeSent: 1080003,
  succeeded: 1080002,
  codeInvalid: 4070006,
  flowExpired: 4070005,
} as const;

/** Asks for a verification code for `email` from /verification. Ends on the "code sent" state of the flow. */
export async function requestVerificationCode(page: Page, email: string): Promise<void> {
  const screen = new FlowScreen(page);
  await page.goto("/verification");
  await expect(screen.heading()).toHaveText("Verify your email address");
  await screen.input("email").fill(email);
  await screen.button("method", "code").click();
  await expect(screen.message(verificationMessageIds.codeSent)).toBeVisible();
  await expect(screen.input("code")).toBeVisible();
}

/** Asks for a verification code for `email` in the verification flow on screen (e.g. a fresh one after an expiry). */
export async function requestVerificationCodeInThisFlow(page: Page, email: string): Promise<void> {
  const screen = new FlowScreen(page);
  await screen.input("email").fill(email);
  await screen.button("method", "code").click();
  await expect(screen.message(verificationMessageIds.codeSent)).toBeVisible();
  await expect(screen.input("code")).toBeVisible();
}

/** Types `code` into the verification screen and submits it. */
export async function submitVerificationCode(page: Page, code: string): Promise<void> {
  const screen = new FlowScreen(page);
  await screen.input("code").fill(code);
  await screen.button("method", "code").click();
}
