import { expect, test } from "../fixtures/test";
import { HomeScreen } from "../screens/flow-screen";
import { signUpWithPassword } from "../steps/auth-steps";
import { currentSessionId, expectSignedOut, SessionsScreen, signInElsewhere } from "../steps/account-steps";

test("lists both sessions with their devices, and revoking the other one signs that browser out", async ({
  page,
  browser,
  email,
  password,
}, testInfo) => {
  const screen = new SessionsScreen(page);
  await signUpWithPassword(page, email, password);
  const other = await signInElsewhere(browser, testInfo, email, password);
  try {
    const otherId = await currentSessionId(other.page);

    await page.goto("/");
    await page.getByTestId("sessions-link").click();
    await expect(page).toHaveURL(/\/sessions$/);
    await expect(screen.current()).toHaveCount(1);
    await expect(screen.others()).toHaveCount(1);
    await expect(screen.others().getByTestId("session/user-agent")).toHaveText("E2E-Second-Device/1.0");
    await expect(screen.current().getByTestId("session/ip")).not.toBeEmpty();
    await expect(screen.current().locator("time").first()).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);

    await screen.revoke(otherId).click();
    await expect(page).toHaveURL(/\/sessions\?result=revoked$/);
    await expect(screen.notice()).toHaveText("That session has been signed out.");
    await expect(screen.others()).toHaveCount(0);
    await expect(screen.current()).toHaveCount(1);

    await expectSignedOut(other.page);
    await page.goto("/");
    await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);
  } finally {
    await other.context.close();
  }
});

test("signing out all other sessions keeps only this one", async ({ page, browser, email, password }, testInfo) => {
  const screen = new SessionsScreen(page);
  await signUpWithPassword(page, email, password);
  const second = await signInElsewhere(browser, testInfo, email, password);
  const third = await signInElsewhere(browser, testInfo, email, password);
  try {
    await page.goto("/sessions");
    await expect(screen.others()).toHaveCount(2);

    await screen.revokeOthers().click();
    await expect(page).toHaveURL(/\/sessions\?result=revoked-others$/);
    await expect(screen.others()).toHaveCount(0);
    await expect(screen.current()).toHaveCount(1);

    await expectSignedOut(second.page);
    await expectSignedOut(third.page);
    await page.goto("/");
    await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);
  } finally {
    await second.context.close();
    await third.context.close();
  }
});

test("a cross-site post to the revoke endpoint is refused", async ({ page, request, email, password }) => {
  await signUpWithPassword(page, email, password);
  const cookies = await page.context().cookies();
  const cookie = cookies.map((item) => `${item.name}=${item.value}`).join("; ");

  const response = await request.post("/sessions/revoke", {
    headers: { Origin: "https://evil.example", Cookie: cookie },
    form: { scope: "others" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);

  const noOrigin = await request.post("/sessions/revoke", {
    headers: { "Sec-Fetch-Site": "cross-site", Cookie: cookie },
    form: { scope: "others" },
    maxRedirects: 0,
  });
  expect(noOrigin.status()).toBe(403);
});

test("without a session the sessions page asks to sign in", async ({ page }) => {
  await page.goto("/sessions");
  await expect(page).toHaveURL(/\/login\?flow=/);
});
