import { createIdentity } from "../fixtures/kratos-admin";
import { expect, test } from "../fixtures/test";
import { FlowScreen } from "../screens/flow-screen";
import { appUrl, kratosPublicUrl } from "../stack";
import { logInWithPassword, logOut, signUpWithPassword } from "../steps/auth-steps";
import { redirectChain } from "../steps/guard-steps";
import { linkTotp, totpCode } from "../steps/settings-steps";

const settingsUrl = `${appUrl}/settings`;

test("an anonymous visit to settings signs in first, then lands on settings", async ({ page, email, password }) => {
  await createIdentity(email, password, { verified: true });
  const screen = new FlowScreen(page);

  const response = await page.goto("/settings");
  const [visit, login] = await redirectChain(response!);
  expect(visit).toEqual({ url: settingsUrl, status: 303 });
  expect(login?.url).toBe(`${appUrl}/login?return_to=${encodeURIComponent(settingsUrl)}`);
  await expect(page).toHaveURL(/\/login\?flow=/);
  await expect(screen.heading()).toHaveText("Sign in");

  await screen.input("identifier").fill(email);
  await screen.input("password").fill(password);
  await screen.button("method", "password").click();
  await expect(page).toHaveURL(/\/settings\?flow=/);
  await expect(screen.heading()).toHaveText("Account settings");
});

test("a session with only the first factor is sent to the second factor, then back to settings", async ({
  page,
  email,
  password,
}) => {
  const screen = new FlowScreen(page);
  await signUpWithPassword(page, email, password);
  const secret = await linkTotp(page);
  await logOut(page);
  await logInWithPassword(page, email, password);
  await expect(screen.heading()).toHaveText("Second factor");

  const response = await page.goto("/settings");
  const [visit, secondFactor] = await redirectChain(response!);
  expect(visit).toEqual({ url: settingsUrl, status: 303 });
  const target = new URL(secondFactor!.url);
  expect(target.origin).toBe(kratosPublicUrl);
  expect(target.pathname).toBe("/self-service/login/browser");
  expect(target.searchParams.get("aal")).toBe("aal2");
  expect(target.searchParams.get("return_to")).toBe(settingsUrl);
  await expect(page).toHaveURL(/\/login\?flow=/);
  await expect(screen.heading()).toHaveText("Second factor");

  await screen.input("totp_code").fill(totpCode(secret));
  await screen.button("method", "totp").click();
  await expect(page).toHaveURL(/\/settings\?flow=/);
  await expect(screen.heading()).toHaveText("Account settings");
});

test("the guard answers before the page, and leaves pages without a session requirement alone", async ({ request }) => {
  // A fresh request context has no cookies: the guard redirects without asking Kratos.
  const settings = await request.get("/settings?tab=password", { maxRedirects: 0 });
  expect(settings.status()).toBe(303);
  const location = new URL(settings.headers()["location"]!, appUrl);
  expect(location.pathname).toBe("/login");
  expect(location.searchParams.get("return_to")).toBe(`${settingsUrl}?tab=password`);

  // Ours even when the browser names another host: the redirect never trusts Host.
  const spoofed = await request.get("/settings", { maxRedirects: 0, headers: { Host: "evil.example" } });
  const spoofedLocation = new URL(spoofed.headers()["location"]!, appUrl);
  expect(new URL(spoofedLocation.searchParams.get("return_to")!).origin).toBe(appUrl);

  for (const path of ["/", "/login", "/registration", "/recovery", "/verification", "/error", "/api/health"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBeLessThan(500);
    expect(response.headers()["location"] ?? "", path).not.toContain("return_to=");
  }
});
