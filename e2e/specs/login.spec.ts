import { createIdentity } from "../fixtures/kratos-admin";
import { waitForCode } from "../fixtures/mail";
import { expect, test } from "../fixtures/test";
import { appUrl } from "../stack";
import { FlowScreen, HomeScreen } from "../screens/flow-screen";
import { logInWithPassword } from "../steps/auth-steps";

// Our schema signs in with the email trait (every method) and phone_number
// (codes by SMS), so Kratos v1.3.1 labels the field "ID"; we say what to type.
const identifierLabel = "Email or phone number";

test("the identifier field says what to type", async ({ page }) => {
  const screen = new FlowScreen(page);
  await page.goto("/login");
  const field = screen.labelled(identifierLabel);
  await expect(field).toHaveAttribute("name", "identifier");
  await expect(field).toHaveAttribute("autocomplete", "username webauthn");
  await expect(screen.labelled("ID")).toHaveCount(0);
});

test("asking for a code without an address keeps the field, says what is missing, and sends once filled", async ({
  page,
  email,
  password,
}) => {
  await createIdentity(email, password, { verified: true });
  const screen = new FlowScreen(page);
  await page.goto("/login");
  // The code button skips the browser's required check, so Kratos answers for the empty field.
  await screen.button("method", "code").click();
  // Kratos v1.3.1 hides the identifier it rejected; the page shows it again, with the error.
  const field = screen.labelled(identifierLabel);
  await expect(field).toBeVisible();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(screen.message(4000002)).toBeVisible();
  await expect(page.getByTestId("error-summary").getByRole("link")).toHaveText(new RegExp(`^${identifierLabel}: `));

  await field.fill(email);
  await screen.button("method", "code").click();
  await expect(screen.input("code")).toBeVisible();
  await screen.input("code").fill(await waitForCode(email));
  await screen.button("method", "code").click();
  await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);
});

test("sign in with a one-time code sent by email", async ({ page, email, password }) => {
  await createIdentity(email, password, { verified: true });
  const screen = new FlowScreen(page);
  await page.goto("/login");
  await screen.labelled(identifierLabel).fill(email);
  await screen.button("method", "code").click();
  await expect(screen.input("code")).toBeVisible();

  await screen.input("code").fill(await waitForCode(email));
  await screen.button("method", "code").click();
  await expect(page).toHaveURL("/");
  await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);
});

test("sign up with a one-time code instead of a password", async ({ page, email }) => {
  const screen = new FlowScreen(page);
  await page.goto("/registration");
  await screen.input("traits.email").fill(email);
  await screen.button("method", "profile").click();
  await screen.button("method", "code").click();
  await expect(screen.input("code")).toBeVisible();

  await screen.input("code").fill(await waitForCode(email));
  await screen.button("method", "code").click();
  await page.goto("/");
  await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);
});

test("return_to survives the login and an off-site one is ignored", async ({ page, email, password }) => {
  await createIdentity(email, password, { verified: true });
  const screen = new FlowScreen(page);

  await page.goto(`/login?return_to=${encodeURIComponent(`${appUrl}/settings`)}`);
  await screen.input("identifier").fill(email);
  await screen.input("password").fill(password);
  await screen.button("method", "password").click();
  await expect(page).toHaveURL(/\/settings\?flow=/);

  await page.context().clearCookies();
  await page.goto(`/login?return_to=${encodeURIComponent("https://evil.example/")}`);
  await screen.input("identifier").fill(email);
  await screen.input("password").fill(password);
  await screen.button("method", "password").click();
  await expect(page).toHaveURL("/");
});

test("a missing CSRF cookie restarts the flow with a notice and keeps nothing broken", async ({
  page,
  context,
  email,
  password,
}) => {
  await createIdentity(email, password, { verified: true });
  const screen = new FlowScreen(page);
  await page.goto("/login");
  await expect(screen.input("identifier")).toBeVisible();
  const firstFlow = new URL(page.url()).searchParams.get("flow");
  const csrfCookies = (await context.cookies()).filter((cookie) => cookie.name.startsWith("csrf_token"));
  expect(csrfCookies.length).toBeGreaterThan(0);
  await context.clearCookies();

  await screen.input("identifier").fill(email);
  await screen.input("password").fill(password);
  await screen.button("method", "password").click();
  await expect(page.getByTestId("flow-notice")).toBeVisible();
  expect(new URL(page.url()).searchParams.get("flow")).not.toBe(firstFlow);

  await logInWithPassword(page, email, password);
  await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);
});

test("an unknown flow id starts a fresh flow instead of failing", async ({ page }) => {
  await page.goto("/login?flow=00000000-0000-4000-8000-000000000000");
  await expect(page).toHaveURL(/\/login\?flow=(?!00000000-0000-4000-8000-000000000000)/);
  await expect(new FlowScreen(page).input("identifier")).toBeVisible();
});

test("a signed-in user who opens the login page is sent home instead of a second sign-in", async ({
  page,
  email,
  password,
}) => {
  await createIdentity(email, password, { verified: true });
  await logInWithPassword(page, email, password);
  await expect(page).toHaveURL("/");

  await page.goto("/login");
  await expect(page).toHaveURL("/");
  await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);
});

test("confirming it's you shows the same label, with the signed-in user's address filled in", async ({
  page,
  email,
  password,
}) => {
  await createIdentity(email, password, { verified: true });
  await logInWithPassword(page, email, password);
  await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);

  const screen = new FlowScreen(page);
  await page.goto("/login?refresh=true");
  await expect(screen.heading()).toHaveText("Confirm it's you");
  await expect(screen.labelled(identifierLabel)).toHaveValue(email);
  await screen.input("password").fill(password);
  await screen.button("method", "password").click();
  await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);
});
