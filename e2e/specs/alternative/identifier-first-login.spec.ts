import { createIdentity, sessionsOf } from "../../fixtures/kratos-admin";
import { expect, test } from "../../fixtures/test";
import { FlowScreen, HomeScreen } from "../../screens/flow-screen";
import { enterIdentifier, identifierFirstMessageIds, submitPassword } from "../../steps/identifier-first-steps";

// Runs against the stack with kratos/profiles/alternative-methods.yml, where the
// login style is identifier_first.

// The input nodes Kratos v1.3.1 sends at each step (GET /self-service/login/flows),
// as the page renders them. The passkey nodes come with every step (autofill);
// on the second step the identifier turns hidden and the identifier_first
// button gives way to the methods: password, a mailed code and a passkey.
// With security.account_enumeration.mitigate (kratos.yml) Kratos offers them
// whether or not the account exists or has them, so the step reveals nothing.
const identifierStep = [
  "hidden csrf_token",
  "hidden passkey_challenge",
  "hidden passkey_login",
  "submit method=identifier_first",
  "text identifier",
];
const passwordStep = [
  "button passkey_login_trigger",
  "hidden csrf_token",
  "hidden identifier",
  "hidden passkey_challenge",
  "hidden passkey_login",
  "password password",
  "submit method=code",
  "submit method=password",
];

const flowIdOf = (url: string) => new URL(url).searchParams.get("flow");

test("the login asks for the identifier first, then offers the password and a sign-in code", async ({
  page,
  email,
  password,
}) => {
  const screen = new FlowScreen(page);
  await createIdentity(email, password, { verified: true });

  await page.goto("/login");
  // The first step's field says what it takes (Kratos's own label is "ID"): the schema is the main stack's.
  await expect(screen.labelled("Email or phone number")).toHaveAttribute("name", "identifier");
  await expect(screen.input("password")).toHaveCount(0);
  await expect(screen.button("method", "identifier_first")).toHaveText("Continue");
  expect(await screen.formControls()).toEqual(identifierStep);
  const flowId = flowIdOf(page.url());

  await screen.input("identifier").fill(email);
  await screen.button("method", "identifier_first").click();

  await expect(screen.input("password")).toBeVisible();
  expect(flowIdOf(page.url())).toBe(flowId);
  await expect(screen.input("identifier")).toHaveCount(0);
  await expect(screen.hiddenInput("identifier")).toHaveValue(email);
  await expect(screen.button("method", "identifier_first")).toHaveCount(0);
  await expect(screen.button("method", "password")).toHaveText("Sign in with password");
  await expect(screen.button("method", "code")).toHaveText("Send sign in code");
  expect(await screen.formControls()).toEqual(passwordStep);

  // Kratos offers no way back from the second step: the page names the account and starts over.
  await expect(page.getByTestId("signing-in-as")).toContainText(`Signing in as ${email}`);
  await page.getByTestId("use-another-account").click();
  await expect(screen.input("identifier")).toBeVisible();
  await expect(screen.input("identifier")).toHaveValue("");
  expect(flowIdOf(page.url())).not.toBe(flowId);
});

test("a wrong password keeps the identifier and shows Kratos's message; the right one signs in", async ({
  page,
  email,
  password,
}) => {
  const screen = new FlowScreen(page);
  const home = new HomeScreen(page);
  await createIdentity(email, password, { verified: true });

  await enterIdentifier(page, email);
  const flowId = flowIdOf(page.url());
  await submitPassword(page, `${password}-wrong`);

  await expect(screen.message(identifierFirstMessageIds.invalidCredentials)).toBeVisible();
  expect(flowIdOf(page.url())).toBe(flowId);
  await expect(screen.hiddenInput("identifier")).toHaveValue(email);
  await expect(screen.input("password")).toHaveValue("");
  expect(await screen.formControls()).toEqual(passwordStep);
  expect(await sessionsOf(email)).toEqual([]);

  await submitPassword(page, password);
  await expect(page).toHaveURL("/");
  await expect(home.sessionEmail()).toHaveText(email);
});

test("an unknown address gets the same second step as an account, so the login reveals nothing", async ({
  page,
  email,
}) => {
  const screen = new FlowScreen(page);
  await enterIdentifier(page, email);
  await expect(page.getByTestId("signing-in-as")).toContainText(email);
  expect(await screen.formControls()).toEqual(passwordStep);
  await expect(page.getByTestId(/^ui\/message\//)).toHaveCount(0);

  await submitPassword(page, "not-the-password-1");
  await expect(screen.message(identifierFirstMessageIds.invalidCredentials)).toBeVisible();
});
