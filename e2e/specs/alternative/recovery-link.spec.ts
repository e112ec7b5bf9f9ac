import { createIdentity } from "../../fixtures/kratos-admin";
import { waitForKratosLink } from "../../fixtures/mail";
import { expect, test } from "../../fixtures/test";
import { FlowScreen, HomeScreen } from "../../screens/flow-screen";
import { logOut } from "../../steps/auth-steps";
import { identifierFirstMessageIds, logInIdentifierFirst, submitPassword } from "../../steps/identifier-first-steps";
import { linkMessageIds, requestRecoveryLink } from "../../steps/link-steps";
import { changePasswordInSettings } from "../../steps/recovery-steps";

// Runs against the stack with kratos/profiles/alternative-methods.yml: recovery
// mails a link instead of a code.

test("the mailed recovery link leads to settings, where a new password replaces the old one", async ({
  page,
  email,
  password,
}) => {
  const screen = new FlowScreen(page);
  const home = new HomeScreen(page);
  const newPassword = `${password}-new`;
  await createIdentity(email, password, { verified: true });

  await requestRecoveryLink(page, email);
  const flowId = new URL(page.url()).searchParams.get("flow");
  await expect(screen.input("code")).toHaveCount(0);
  const link = await waitForKratosLink(email, "recovery");
  expect(new URL(link).searchParams.get("flow")).toBe(flowId);

  await page.goto(link);
  await expect(page).toHaveURL(/\/settings\?flow=/);
  await expect(screen.heading()).toHaveText("Account settings");
  await expect(screen.message(linkMessageIds.recovered)).toBeVisible();

  await changePasswordInSettings(page, newPassword);
  await logOut(page);

  await logInIdentifierFirst(page, email, password);
  await expect(screen.message(identifierFirstMessageIds.invalidCredentials)).toBeVisible();
  await submitPassword(page, newPassword);
  await expect(page).toHaveURL("/");
  await expect(home.sessionEmail()).toHaveText(email);
});
