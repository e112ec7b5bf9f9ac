// The signed-in overview in plain words: the address and whether it is verified,
// whether the account has a second factor, and the last sign-in as a relative time.
import { createIdentity } from "../fixtures/kratos-admin";
import { expect, test } from "../fixtures/test";
import { HomeScreen } from "../screens/flow-screen";
import { logInWithPassword } from "../steps/auth-steps";
import { linkTotp } from "../steps/settings-steps";

test("the overview says what is not verified, that there is no second factor yet, and when you signed in", async ({
  page,
  email,
  password,
}) => {
  const home = new HomeScreen(page);
  await createIdentity(email, password);
  const before = Date.now();
  await logInWithPassword(page, email, password);
  await expect(home.sessionEmail()).toHaveText(email);

  await expect(home.address(email)).toContainText("not verified");
  await expect(home.address(email).getByTestId("verify-now")).toHaveAttribute("href", "/verification");

  const secondFactor = page.getByTestId("second-factor");
  await expect(secondFactor).toHaveAttribute("data-second-factor", "off");
  await expect(secondFactor).toHaveText("Second factor: off. Set one up");

  const lastSignIn = page.getByTestId("last-sign-in");
  await expect(lastSignIn).toHaveText(/^Last signed in (now|\d+ seconds? ago)\.$/);
  const signedInAt = Date.parse((await lastSignIn.locator("time").getAttribute("datetime"))!);
  expect(signedInAt).toBeGreaterThan(before - 60_000);
  expect(signedInAt).toBeLessThanOrEqual(Date.now());

  // "Set one up" leads to the security part of settings.
  await secondFactor.getByTestId("second-factor-set-up").click();
  await expect(page).toHaveURL(/\/settings\?flow=.*#security$|\/settings#security$/);
  await expect(page.locator("#security")).toHaveCount(1);
});

test("with an authenticator app linked, the overview says the second factor is on", async ({
  page,
  email,
  password,
}) => {
  const home = new HomeScreen(page);
  // Verified: a settings change of an unverified account continues to verification first.
  await createIdentity(email, password, { verified: true });
  await logInWithPassword(page, email, password);
  await expect(home.sessionEmail()).toHaveText(email);
  await expect(home.address(email).getByTestId("verify-now")).toHaveCount(0);

  await linkTotp(page);
  await page.goto("/");
  const secondFactor = page.getByTestId("second-factor");
  await expect(secondFactor).toHaveAttribute("data-second-factor", "on");
  await expect(secondFactor).toHaveText("Second factor: on (Authenticator app).");
  await expect(page.getByTestId("second-factor-set-up")).toHaveCount(0);
});

test("the overview speaks the account's language, relative times included", async ({ page, email, password }) => {
  const home = new HomeScreen(page);
  await createIdentity(email, password, { locale: "de" });
  await logInWithPassword(page, email, password);
  await expect(home.sessionEmail()).toHaveText(email);
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(home.address(email)).toContainText("nicht bestätigt");
  await expect(home.address(email).getByTestId("verify-now")).toHaveText("Jetzt bestätigen");
  await expect(page.getByTestId("second-factor")).toHaveText("Zweiter Faktor: aus. Jetzt einrichten");
  await expect(page.getByTestId("last-sign-in")).toHaveText(/^Zuletzt angemeldet (jetzt|vor \d+ Sekunden?)\.$/);
});
