import { expect, type Page } from "@playwright/test";
import { FlowScreen } from "../screens/flow-screen";
import { submitRegistration } from "./auth-steps";

/** Kratos message ids of recovery and verification by mailed link (Kratos's text/id.go). */
export const linkMessageIds = {
  recoveryLinkSent: 1060002,
  recovered: 1060001,
  verificationLinkSent: 1080001,
  verified: 1080002,
} as const;

/** Asks for a recovery link for `email` from /recovery. Ends on the "link sent" state of the flow. */
export async function requestRecoveryLink(page: Page, email: string): Promise<void> {
  const screen = new FlowScreen(page);
  await page.goto("/recovery");
  await expect(screen.heading()).toHaveText("Recover your account");
  await screen.input("email").fill(email);
  await screen.button("method", "link").click();
  await expect(screen.message(linkMessageIds.recoveryLinkSent)).toBeVisible();
}

/** Asks for a verification link for `email` from /verification. Ends on the "link sent" state of the flow. */
export async function requestVerificationLink(page: Page, email: string): Promise<void> {
  const screen = new FlowScreen(page);
  await page.goto("/verification");
  await expect(screen.heading()).toHaveText("Verify your email address");
  await screen.input("email").fill(email);
  await screen.button("method", "link").click();
  await expect(screen.message(linkMessageIds.verificationLinkSent)).toBeVisible();
}

/** Signs up with a password. Ends on the verification screen, which says a link was mailed. */
export async function signUpExpectingVerificationLink(page: Page, email: string, password: string): Promise<void> {
  const screen = new FlowScreen(page);
  await submitRegistration(page, email, password);
  await expect(page).toHaveURL(/\/verification\?flow=/);
  await expect(screen.heading()).toHaveText("Verify your email address");
  await expect(screen.message(linkMessageIds.verificationLinkSent)).toBeVisible();
}
