import { createIdentity } from "../fixtures/kratos-admin";
import { expect, test } from "../fixtures/test";
import { FlowScreen, HomeScreen } from "../screens/flow-screen";
import { expectAccessible, seriousViolations } from "../steps/accessibility-steps";
import { logInWithPassword, messageIds } from "../steps/auth-steps";
import { requestRecoveryCode } from "../steps/recovery-steps";
import { generateBackupCodes } from "../steps/settings-steps";

// axe over the pages and states the suite reaches, JavaScript on and off (the
// two projects), light and dark: no serious or critical violation anywhere.

test("the check can fail: axe reports a field without a label", async ({ page }) => {
  await page.goto("/login");
  await page
    .locator("label")
    .first()
    .evaluate((label) => label.remove());
  expect((await seriousViolations(page)).join("\n")).toMatch(/label/);
});

// axe is slow on a loaded machine: each page gets its own test and time.
test.describe(() => {
  test.describe.configure({ timeout: 180_000 });

  for (const [state, path] of [
    ["home, signed out", "/"],
    ["login", "/login"],
    ["registration", "/registration"],
    ["verification", "/verification"],
    ["recovery", "/recovery"],
    ["error page", "/error?reason=self_service_flow_expired"],
    ["503 page", "/unavailable?retry=/login"],
    ["404 page", "/no-such-page"],
    ["language", "/language?return_to=/login"],
  ] as const) {
    test(`${state}`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectAccessible(page, state);
    });
  }

  test("login with an error", async ({ page, email }) => {
    await logInWithPassword(page, email, "not-the-password");
    await expect(new FlowScreen(page).message(messageIds.invalidCredentials)).toBeVisible();
    await expectAccessible(page, "login with an error");
  });

  test("recovery, code sent", async ({ page, email }) => {
    await requestRecoveryCode(page, email);
    await expectAccessible(page, "recovery, code sent");
  });

  test("signed-in pages", async ({ page, email, password }) => {
    test.setTimeout(400_000);
    await createIdentity(email, password, { verified: true });
    await logInWithPassword(page, email, password);
    await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);
    await expectAccessible(page, "overview");
    await page.goto("/settings");
    await expect(page.getByTestId("flow-group/password")).toBeVisible();
    await page.getByTestId("totp-setup").locator("summary").click();
    await expectAccessible(page, "settings, authenticator set-up open");
    await generateBackupCodes(page);
    await expectAccessible(page, "settings, backup codes shown");
    await page.goto("/sessions");
    await expectAccessible(page, "sessions");
    await page.goto("/account/delete");
    await expect(page.getByTestId("delete/submit")).toBeVisible();
    await expectAccessible(page, "delete account");
  });
});
