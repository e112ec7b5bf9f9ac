import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { createIdentity } from "../fixtures/kratos-admin";
import { HomeScreen } from "../screens/flow-screen";
import { appUrl } from "../stack";
import { logInWithPassword } from "../steps/auth-steps";

/** Signs in, then follows the home page's logout link with `return_to` appended. */
async function logOutWithReturnTo(page: Page, email: string, password: string, returnTo: string): Promise<void> {
  const home = new HomeScreen(page);
  await createIdentity(email, password, { verified: true });
  await logInWithPassword(page, email, password);
  await expect(page).toHaveURL("/");
  await expect(home.sessionEmail()).toHaveText(email);

  const href = await home.logoutLink().getAttribute("href");
  expect(href).toMatch(/^\/logout\?token=/);
  await page.goto(`${href}&return_to=${encodeURIComponent(returnTo)}`);
}

/** The session is gone: the home page offers to sign in. */
async function expectLoggedOut(page: Page): Promise<void> {
  await page.goto("/");
  await expect(new HomeScreen(page).loginLink()).toBeVisible();
}

for (const returnTo of ["/registration", `${appUrl}/registration`]) {
  test(`logout follows return_to ${returnTo} inside the app`, async ({ page, email, password }) => {
    await logOutWithReturnTo(page, email, password, returnTo);
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/registration\?flow=/);
    expect(new URL(page.url()).origin).toBe(appUrl);
    await expectLoggedOut(page);
  });
}

for (const returnTo of ["https://evil.example/", "//evil.example/"]) {
  test(`logout ignores the off-site return_to ${returnTo} and lands on login`, async ({ page, email, password }) => {
    await logOutWithReturnTo(page, email, password, returnTo);
    await expect(page).toHaveURL(/\/login\?flow=/);
    expect(new URL(page.url()).origin).toBe(appUrl);
    await expectLoggedOut(page);
  });
}
