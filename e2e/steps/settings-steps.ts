import { readFile } from "node:fs/promises";
import { expect, type Page, type Response } from "@playwright/test";
import { TOTP } from "otpauth";
import { waitForWebAuthn } from "../fixtures/virtual-authenticator";
import { FlowScreen } from "../screens/flow-screen";

/** Kratos message ids of the settings and second-factor flows (Kratos's text/id.go). */
export const settingsMessageIds = {
  saved: 1050001,
  /** "you have no backup recovery codes set up" */
  noBackupCodes: 4000014,
} as const;

/** The TOTP code for `secret` now, as an authenticator app would show it. */
export function totpCode(secret: string): string {
  return new TOTP({ secret, digits: 6, period: 30, algorithm: "SHA1" }).generate();
}

/** Links an authenticator app in settings; returns the secret shown on the page. */
export async function linkTotp(page: Page): Promise<string> {
  const screen = new FlowScreen(page);
  await page.goto("/settings");
  // The QR code and the secret wait behind "Set up".
  await expect(page.getByTestId("node/image/totp_qr")).toBeHidden();
  await page.getByTestId("totp-setup").locator("summary").click();
  await expect(page.getByTestId("node/image/totp_qr")).toBeVisible();
  const secret = (await page.getByTestId("node/text/totp_secret_key/text").locator("code").textContent())!.trim();
  await screen.input("totp_code").fill(totpCode(secret));
  await screen.button("method", "totp").click();
  await expect(screen.message(settingsMessageIds.saved)).toBeVisible();
  await expect(screen.button("totp_unlink", "true")).toBeVisible();
  return secret;
}

/** The backup codes on the page, as shown (an entry already used is not a code). */
export async function backupCodesShown(page: Page): Promise<string[]> {
  const list = page.getByTestId("node/text/lookup_secret_codes/text");
  // allTextContents() does not wait: let the page with the codes arrive first.
  await expect(list.locator("code").first()).toBeVisible();
  return (await list.locator("code").allTextContents()).map((code) => code.trim());
}

/** The text of the file the backup codes' Download link saves. */
export async function downloadBackupCodes(page: Page): Promise<{ fileName: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("lookup-secret-download").click(),
  ]);
  const path = await download.path();
  return { fileName: download.suggestedFilename(), text: await readFile(path, "utf8") };
}

/**
 * Asks settings for new backup codes, without confirming them yet; returns the
 * codes as shown and the response of the page that showed them.
 */
export async function generateBackupCodes(page: Page): Promise<{ codes: string[]; response: Response }> {
  const screen = new FlowScreen(page);
  await page.goto("/settings");
  const [response] = await Promise.all([
    page.waitForResponse(
      (answer) => answer.request().isNavigationRequest() && new URL(answer.url()).pathname === "/settings",
    ),
    screen.button("lookup_secret_regenerate", "true").click(),
  ]);
  const codes = await backupCodesShown(page);
  expect(codes.length).toBeGreaterThanOrEqual(10);
  return { codes, response };
}

/** Saves the backup codes on screen (Kratos's lookup_secret_confirm). */
export async function confirmBackupCodes(page: Page): Promise<void> {
  const screen = new FlowScreen(page);
  await screen.button("lookup_secret_confirm", "true").click();
  await expect(screen.message(settingsMessageIds.saved)).toBeVisible();
}

/** Generates backup codes in settings, confirms them and returns them as shown. */
export async function enableBackupCodes(page: Page): Promise<string[]> {
  const { codes } = await generateBackupCodes(page);
  await confirmBackupCodes(page);
  return codes;
}

/** The values of the submit buttons named `name` (e.g. the id of each passkey listed). */
async function buttonValues(page: Page, name: string): Promise<string[]> {
  return new FlowScreen(page)
    .buttonsNamed(name)
    .evaluateAll((buttons) => buttons.map((button) => (button as HTMLButtonElement).value));
}

/**
 * Adds a passkey in settings (a virtual authenticator must be attached) and
 * returns the id Kratos lists it under: its remove button's value (hex).
 */
export async function addPasskeyInSettings(page: Page): Promise<string> {
  const screen = new FlowScreen(page);
  await page.goto("/settings");
  const before = await buttonValues(page, "passkey_remove");
  await waitForWebAuthn(page);
  await screen.trigger("passkey_register_trigger").click();
  await expect(screen.message(settingsMessageIds.saved)).toBeVisible();
  await expect(screen.buttonsNamed("passkey_remove")).toHaveCount(before.length + 1);
  const added = (await buttonValues(page, "passkey_remove")).filter((id) => !before.includes(id));
  expect(added).toHaveLength(1);
  return added[0]!;
}

/** Removes the passkey listed as `id` (hex) in settings. */
export async function removePasskeyInSettings(page: Page, id: string): Promise<void> {
  const screen = new FlowScreen(page);
  await page.goto("/settings");
  await screen.button("passkey_remove", id).click();
  await expect(screen.message(settingsMessageIds.saved)).toBeVisible();
}

/** Disables backup codes in settings (Kratos's lookup_secret_disable, "Disable this method"). */
export async function disableBackupCodes(page: Page): Promise<void> {
  const screen = new FlowScreen(page);
  await page.goto("/settings");
  await screen.button("lookup_secret_disable", "true").click();
  await expect(screen.message(settingsMessageIds.saved)).toBeVisible();
}
