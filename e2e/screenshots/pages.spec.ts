import type { Page, TestInfo } from "@playwright/test";
import { createIdentity } from "../fixtures/kratos-admin";
import { expect, test } from "../fixtures/test";
import { FlowScreen, HomeScreen } from "../screens/flow-screen";
import { logInWithPassword, logOut, messageIds, signUpWithPassword } from "../steps/auth-steps";
import { requestRecoveryCode } from "../steps/recovery-steps";
import { generateBackupCodes, linkTotp } from "../steps/settings-steps";

// Every picture in light and dark: docs/screenshots/<name>-<light|dark>-<desktop|phone>.png.
async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({
      path: `docs/screenshots/${name}-${colorScheme}-${testInfo.project.name}.png`,
      fullPage: true,
      animations: "disabled",
      // One image pixel per CSS pixel, also on the phone's 2x screen: the pictures stay small in git.
      scale: "css",
    });
  }
  await page.emulateMedia({ colorScheme: null });
}

test.describe.configure({ timeout: 300_000 });

test("signed-out pages", async ({ page, email }, testInfo) => {
  for (const [name, path] of [
    ["login", "/login"],
    ["registration", "/registration"],
    ["recovery", "/recovery"],
    ["verification", "/verification"],
    ["language", "/language?return_to=/login"],
    ["error", "/error?reason=self_service_flow_expired"],
    ["unavailable", "/unavailable?retry=/login"],
    ["not-found", "/no-such-page"],
  ] as const) {
    await page.goto(path);
    await shoot(page, testInfo, name);
  }
  await logInWithPassword(page, email, "not-the-password");
  await expect(new FlowScreen(page).message(messageIds.invalidCredentials)).toBeVisible();
  await shoot(page, testInfo, "login-error");
  await requestRecoveryCode(page, email);
  await shoot(page, testInfo, "recovery-code-sent");
});

test("account pages", async ({ page, email, password }, testInfo) => {
  await createIdentity(email, password, { verified: true });
  await logInWithPassword(page, email, password);
  await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);
  await shoot(page, testInfo, "overview");
  await page.goto("/settings");
  await shoot(page, testInfo, "settings");
  await page.getByTestId("totp-setup").locator("summary").click();
  await shoot(page, testInfo, "settings-authenticator-set-up");
  await generateBackupCodes(page);
  await shoot(page, testInfo, "settings-backup-codes");
  await page.goto("/sessions");
  await shoot(page, testInfo, "sessions");
  await page.goto("/account/delete");
  await shoot(page, testInfo, "delete-account");
});

test("second factor", async ({ page, email, password }, testInfo) => {
  await signUpWithPassword(page, email, password);
  await linkTotp(page);
  await logOut(page);
  await logInWithPassword(page, email, password);
  await expect(new FlowScreen(page).heading()).toHaveText("Second factor");
  await shoot(page, testInfo, "second-factor");
});
