// The whole journey in the production topology: the UI on auth., Kratos on
// kratos. behind the proxy's allow-list, a protected app on app., one cookie
// domain, TLS everywhere, Kratos without --dev on PostgreSQL.
import { expect, test } from "../../fixtures/test";
import { ExampleAppScreen } from "../../screens/example-app-screen";
import { FlowScreen } from "../../screens/flow-screen";
import { verifyWithMailedCode } from "../../steps/auth-steps";
import { SessionsScreen } from "../../steps/account-steps";
import {
  cookieAttributes,
  logInWithPasswordAndTotp,
  recordMixedContent,
  recordSetCookies,
  signUpReturningTo,
} from "../../steps/production-steps";
import { linkTotp } from "../../steps/settings-steps";
import { productionTarget } from "../../stack";

test("sign up, verify, the app through return_to, sign out there, TOTP, settings and both sessions", async ({
  page,
  browser,
  email,
  password,
}, testInfo) => {
  // Some forty requests across three hosts and five bcrypt hashes at production cost (12);
  // on a loaded 2-core runner that took over three minutes.
  test.setTimeout(300_000);
  test.skip(!productionTarget.mailApiUrl, "needs the mail catcher's API (E2E_TARGET_MAIL_URL) to read the code");
  test.skip(!productionTarget.exampleAppUrl, "needs a protected app on the domain (E2E_TARGET_EXAMPLE_APP_URL)");
  const appHome = `${productionTarget.exampleAppUrl}/`;
  const screen = new FlowScreen(page);
  const app = new ExampleAppScreen(page);
  const sessionCookies = recordSetCookies(page, "ory_kratos_session");
  const mixedContent = recordMixedContent(page);

  // Sign up from the UI with the app as return_to; verify by the mailed code; continue to the app.
  await signUpReturningTo(page, email, password, appHome);
  await verifyWithMailedCode(page, email);
  await screen.anchor("continue").click();
  await expect(page).toHaveURL(appHome);
  await expect(app.signedInAs()).toHaveText(email);

  // The session cookie the browser holds and the header that set it.
  const held = (await page.context().cookies()).find((cookie) => cookie.name === "ory_kratos_session");
  expect(held).toMatchObject({
    domain: `.${productionTarget.cookieDomain}`,
    secure: true,
    httpOnly: true,
    sameSite: "Lax",
  });
  expect(sessionCookies.length).toBeGreaterThan(0);
  for (const header of sessionCookies) {
    expect(cookieAttributes(header)).toEqual(
      expect.arrayContaining([`domain=${productionTarget.cookieDomain}`, "secure", "httponly", "samesite=lax"]),
    );
  }

  // A second factor, set up in settings on auth.
  const secret = await linkTotp(page);

  // Sign out from the app: Kratos's logout link on kratos., back to the app, which sends us to sign in.
  await page.goto(appHome);
  await app.signOut().click();
  await expect(page).toHaveURL(/^https:\/\/[^/]+\/login\?flow=/);
  expect(new URL(page.url()).origin).toBe(productionTarget.appUrl);
  expect((await page.context().cookies()).some((cookie) => cookie.name === "ory_kratos_session")).toBe(false);

  // Sign in again with TOTP as second factor; the login still returns to the app.
  await logInWithPasswordAndTotp(page, email, password, secret);
  await expect(page).toHaveURL(appHome);
  await expect(app.signedInAs()).toHaveText(email);
  await expect(app.assuranceLevel()).toHaveText("aal2");

  // Settings on auth.
  const settings = await page.goto("/settings");
  expect(settings?.headers()["strict-transport-security"]).toMatch(/max-age=\d+/);
  await expect(screen.button("totp_unlink", "true")).toBeVisible();

  // Another device signs in too; the sessions list shows both.
  const other = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    javaScriptEnabled: testInfo.project.use.javaScriptEnabled,
    userAgent: "E2E-Second-Device/1.0",
  });
  try {
    const otherPage = await other.newPage();
    await otherPage.goto(`/login?return_to=${encodeURIComponent(appHome)}`);
    await logInWithPasswordAndTotp(otherPage, email, password, secret);
    await expect(new ExampleAppScreen(otherPage).signedInAs()).toHaveText(email);
  } finally {
    await other.close();
  }
  const sessions = new SessionsScreen(page);
  await page.goto("/sessions");
  await expect(sessions.current()).toHaveCount(1);
  await expect(sessions.others()).toHaveCount(1);

  expect(mixedContent).toEqual([]);
});
