import { expect, type Page } from "@playwright/test";
import { FlowScreen } from "../screens/flow-screen";

/** Kratos message ids of the recovery and settings flows (Kratos's text/id.go). */
export const recoveryMessageIds = {
  recoveryCodeSent: 1060003,
  recovered: 1060001,
  recoveryCodeInvalid: 4060006,
  recoveryFlowExpired: 4060005,
  settingsSaved: 1050001,
} as const;

/** Asks for a recovery code for `email` from /recovery. Ends on the "code sent" state of the flow. */
export async function requestRecoveryCode(page: Page, email: string): Promise<void> {
  const screen = new FlowScreen(page);
  await page.goto("/recovery");
  await expect(screen.heading()).toHaveText("Recover your account");
  await screen.input("email").fill(email);
  await screen.button("method", "code").click();
  await expect(screen.message(recoveryMessageIds.recoveryCodeSent)).toBeVisible();
  await expect(screen.input("code")).toBeVisible();
}

/** Asks for a recovery code for `email` in the recovery flow on screen (e.g. a fresh one after an expiry). */
export async function requestRecoveryCodeInThisFlow(page: Page, email: string): Promise<void> {
  const screen = new FlowScreen(page);
  await screen.input("email").fill(email);
  await screen.button("method", "code").click();
  await expect(screen.message(recoveryMessageIds.recoveryCodeSent)).toBeVisible();
  await expect(screen.input("code")).toBeVisible();
}

/** Types `code` into the recovery screen and submits it. */
export async function submitRecoveryCode(page: Page, code: string): Promise<void> {
  const screen = new FlowScreen(page);
  await screen.input("code").fill(code);
  await screen.button("method", "code").click();
}

/** Sets a new password on the settings screen and waits for Kratos's "saved" message. */
export async function changePasswordInSettings(page: Page, password: string): Promise<void> {
  const screen = new FlowScreen(page);
  await expect(screen.heading()).toHaveText("Account settings");
  await screen.input("password").fill(password);
  await screen.button("method", "password").click();
  await expect(page).toHaveURL(/\/settings\?flow=/);
  await expect(screen.message(recoveryMessageIds.settingsSaved)).toBeVisible();
}

/** A six-digit code that is surely not `code`, for the unhappy paths. */
export function differentCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, "0");
}
