import { expect, test } from "../fixtures/test";
import { FlowScreen, HomeScreen } from "../screens/flow-screen";
import { logInWithPassword, logOut, postBackupCode, signUpWithPassword } from "../steps/auth-steps";
import { waitForCode } from "../fixtures/mail";
import { changePasswordInSettings, requestRecoveryCode, submitRecoveryCode } from "../steps/recovery-steps";
import { disableBackupCodes, enableBackupCodes, linkTotp, settingsMessageIds, totpCode } from "../steps/settings-steps";
import { credentialsOf } from "../fixtures/identity-credentials";
import { sessionsOf } from "../fixtures/kratos-admin";

test("after the password, an account with TOTP is asked for the code", async ({ page, email, password }) => {
  const screen = new FlowScreen(page);
  await signUpWithPassword(page, email, password);
  const secret = await linkTotp(page);
  await logOut(page);

  await logInWithPassword(page, email, password);
  await expect(page).toHaveURL(/\/login\?flow=/);
  await expect(screen.heading()).toHaveText("Second factor");
  await screen.input("totp_code").fill("000000" === totpCode(secret) ? "111111" : "000000");
  await screen.button("method", "totp").click();
  await expect(screen.message(4000008)).toBeVisible();

  await screen.input("totp_code").fill(totpCode(secret));
  await screen.button("method", "totp").click();
  await expect(page).toHaveURL("/");
  await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);
  await expect(page.getByTestId("session-aal")).toHaveAttribute("data-aal", "aal2");
});

test("a backup code completes the second factor once, and only once", async ({ page, email, password }) => {
  const screen = new FlowScreen(page);
  await signUpWithPassword(page, email, password);
  await linkTotp(page);
  const [firstCode] = await enableBackupCodes(page);
  await logOut(page);

  await logInWithPassword(page, email, password);
  await expect(screen.heading()).toHaveText("Second factor");
  await screen.input("lookup_secret").fill(firstCode!);
  await screen.button("method", "lookup_secret").click();
  await expect(page.getByTestId("session-aal")).toHaveAttribute("data-aal", "aal2");
  await logOut(page);

  await logInWithPassword(page, email, password);
  await screen.input("lookup_secret").fill(firstCode!);
  await screen.button("method", "lookup_secret").click();
  await expect(screen.message(4000012)).toBeVisible();
});

test("disabled backup codes no longer complete the second factor; settings offers new ones", async ({
  page,
  email,
  password,
}) => {
  const screen = new FlowScreen(page);
  await signUpWithPassword(page, email, password);
  const secret = await linkTotp(page);
  const [unusedCode] = await enableBackupCodes(page);
  expect(Object.keys(await credentialsOf(email))).toContain("lookup_secret");
  await disableBackupCodes(page);
  await expect(screen.button("lookup_secret_regenerate", "true")).toBeVisible();
  await expect(screen.buttonsNamed("lookup_secret_disable")).toHaveCount(0);
  await expect(screen.buttonsNamed("lookup_secret_reveal")).toHaveCount(0);
  expect(Object.keys(await credentialsOf(email))).not.toContain("lookup_secret");
  await logOut(page);

  await logInWithPassword(page, email, password);
  await expect(screen.heading()).toHaveText("Second factor");
  await expect(screen.input("totp_code")).toBeVisible();
  await expect(screen.input("lookup_secret")).toHaveCount(0);
  // A code that was never used, sent from a form left open from before, is refused too.
  await postBackupCode(page, unusedCode!);
  await expect(screen.message(settingsMessageIds.noBackupCodes)).toBeVisible();
  const active = (await sessionsOf(email)).filter((session) => session.active);
  expect(active.map((session) => session.authentication_methods?.map((method) => method.method))).toEqual([
    ["password"],
  ]);

  await screen.input("totp_code").fill(totpCode(secret));
  await screen.button("method", "totp").click();
  await expect(page.getByTestId("session-aal")).toHaveAttribute("data-aal", "aal2");
  // Settings offers new codes again, and generating them works.
  const newCodes = await enableBackupCodes(page);
  expect(newCodes).not.toContain(unusedCode);
});

test("recovering an account with TOTP asks for the second factor before settings", async ({
  page,
  email,
  password,
}) => {
  const screen = new FlowScreen(page);
  await signUpWithPassword(page, email, password);
  const secret = await linkTotp(page);
  await page.context().clearCookies();

  await requestRecoveryCode(page, email);
  await submitRecoveryCode(page, await waitForCode(email, 2));
  await expect(screen.heading()).toHaveText("Second factor");
  await screen.input("totp_code").fill(totpCode(secret));
  await screen.button("method", "totp").click();

  await expect(page).toHaveURL(/\/settings\?flow=/);
  await changePasswordInSettings(page, `${password}-recovered`);
});

test("unlinking the authenticator app removes the second factor", async ({ page, email, password }) => {
  const screen = new FlowScreen(page);
  await signUpWithPassword(page, email, password);
  await linkTotp(page);
  await page.goto("/settings");
  await screen.button("totp_unlink", "true").click();
  await expect(screen.message(settingsMessageIds.saved)).toBeVisible();
  // The app can be set up again, its new QR code behind "Set up" as before.
  await expect(page.getByTestId("totp-setup")).toBeVisible();
  await expect(page.getByTestId("node/image/totp_qr")).toBeHidden();
  await logOut(page);

  await logInWithPassword(page, email, password);
  await expect(page).toHaveURL("/");
  await expect(page.getByTestId("session-aal")).toHaveAttribute("data-aal", "aal1");
});
