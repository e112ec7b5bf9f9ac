import { expect, test } from "../../fixtures/test";
import { FlowScreen, HomeScreen } from "../../screens/flow-screen";
import { signUpWithPassword } from "../../steps/auth-steps";
import { settingsMessageIds } from "../../steps/settings-steps";

// Runs against the stack with kratos/profiles/short-lifespans.yml: login flows
// live 8 s and a session may change credentials for 5 s after signing in.

test("an expired login flow continues in a fresh one with Kratos's message", async ({ page, email, password }) => {
  const screen = new FlowScreen(page);
  await signUpWithPassword(page, email, password);
  await page.context().clearCookies();

  await page.goto("/login");
  const expiredFlow = new URL(page.url()).searchParams.get("flow");
  await page.waitForTimeout(9_000);
  await screen.input("identifier").fill(email);
  await screen.input("password").fill(password);
  await screen.button("method", "password").click();

  await expect(screen.message(4010001)).toBeVisible();
  expect(new URL(page.url()).searchParams.get("flow")).not.toBe(expiredFlow);
  await screen.input("identifier").fill(email);
  await screen.input("password").fill(password);
  await screen.button("method", "password").click();
  await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);
});

test("changing the password after the privileged window asks to sign in again, then returns to settings", async ({
  page,
  email,
  password,
}) => {
  const screen = new FlowScreen(page);
  const newPassword = `${password}-new`;
  await signUpWithPassword(page, email, password);
  await page.goto("/settings");
  await page.waitForTimeout(6_000);
  await screen.input("password").fill(newPassword);
  await screen.button("method", "password").click();

  await expect(screen.heading()).toHaveText("Confirm it's you");
  await screen.input("identifier").fill(email);
  await screen.input("password").fill(password);
  await screen.button("method", "password").click();

  await expect(page).toHaveURL(/\/settings\?flow=/);
  await screen.input("password").fill(newPassword);
  await screen.button("method", "password").click();
  await expect(screen.message(settingsMessageIds.saved)).toBeVisible();
});
