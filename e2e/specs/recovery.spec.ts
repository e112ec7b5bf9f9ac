import { expect, test } from "../fixtures/test";
import { createIdentity } from "../fixtures/kratos-admin";
import { waitForCode } from "../fixtures/mail";
import { FlowScreen, HomeScreen } from "../screens/flow-screen";
import { logInWithPassword, logOut, messageIds } from "../steps/auth-steps";
import {
  changePasswordInSettings,
  differentCode,
  recoveryMessageIds,
  requestRecoveryCode,
  submitRecoveryCode,
} from "../steps/recovery-steps";

test("recovery by mailed code leads to settings, where a new password replaces the old one", async ({
  page,
  email,
  password,
}) => {
  const screen = new FlowScreen(page);
  const home = new HomeScreen(page);
  const newPassword = `${password}-new`;
  await createIdentity(email, password, { verified: true });

  await requestRecoveryCode(page, email);
  await submitRecoveryCode(page, await waitForCode(email));

  await expect(page).toHaveURL(/\/settings\?flow=/);
  await expect(screen.heading()).toHaveText("Account settings");
  await expect(screen.message(recoveryMessageIds.recovered)).toBeVisible();

  await changePasswordInSettings(page, newPassword);
  await logOut(page);

  await logInWithPassword(page, email, password);
  await expect(screen.message(messageIds.invalidCredentials)).toBeVisible();

  await logInWithPassword(page, email, newPassword);
  await expect(page).toHaveURL("/");
  await expect(home.sessionEmail()).toHaveText(email);
});

test("a wrong recovery code shows Kratos's error and the right code still works", async ({ page, email, password }) => {
  const screen = new FlowScreen(page);
  await createIdentity(email, password, { verified: true });

  await requestRecoveryCode(page, email);
  const flowUrl = page.url();
  const code = await waitForCode(email);

  await submitRecoveryCode(page, differentCode(code));
  await expect(screen.message(recoveryMessageIds.recoveryCodeInvalid)).toBeVisible();
  await expect(page).toHaveURL(flowUrl);

  await submitRecoveryCode(page, code);
  await expect(page).toHaveURL(/\/settings\?flow=/);
  await expect(screen.message(recoveryMessageIds.recovered)).toBeVisible();
});

test("resend code mails a new recovery code that works", async ({ page, email, password }) => {
  const screen = new FlowScreen(page);
  await createIdentity(email, password, { verified: true });

  await requestRecoveryCode(page, email);
  await waitForCode(email);

  await screen.button("email", email).click();
  const code = await waitForCode(email, 2);
  await expect(screen.message(recoveryMessageIds.recoveryCodeSent)).toBeVisible();

  await submitRecoveryCode(page, code);
  await expect(page).toHaveURL(/\/settings\?flow=/);
  await expect(screen.message(recoveryMessageIds.recovered)).toBeVisible();
});
