// Kratos's OIDC method against a real OpenID provider: the main stack runs
// panva's oidc-provider on localhost (`--local-oidc`, scripts/oidc-provider.mjs),
// whose sign-in form is plain HTML, so every test runs with and without JavaScript.
import { createIdentity, findIdentities } from "../fixtures/kratos-admin";
import { expect, test } from "../fixtures/test";
import { FlowScreen, HomeScreen } from "../screens/flow-screen";
import { LinkBeforeSignInScreen } from "../screens/oidc-screens";
import { appUrl, localOidcUrl } from "../stack";
import { logInWithPassword, logOut } from "../steps/auth-steps";
import { cspDirectives } from "../steps/guard-steps";
import {
  collectCspViolations,
  continueWithProvider,
  freshContext,
  identityById,
  localProvider,
  oidcIdentifiers,
  oidcMessageIds,
  providerMark,
  signedInIdentityId,
} from "../steps/oidc-steps";

const providerCredential = expect.stringMatching(new RegExp(`^${localProvider.id}:`));

test("sign-in and sign-up offer the provider by name and mark with Kratos's labels, and the CSP lets forms be redirected there", async ({
  page,
}) => {
  const screen = new FlowScreen(page);
  const response = (await page.goto("/login"))!;
  const button = screen.button("provider", localProvider.id);
  await expect(button).toHaveText(`Sign in with ${localProvider.label}`);
  // The provider's mark (app/globals.css) is drawn before its name and adds nothing to the button's name.
  await expect(button).toHaveAccessibleName(`Sign in with ${localProvider.label}`);
  expect(await providerMark(button)).toMatch(/^url\("data:image\/svg\+xml,/);
  // Chromium checks form-action on every redirect after a form post, not only the post itself.
  const formAction = cspDirectives(response.headers()["content-security-policy"]!).get("form-action");
  expect(formAction).toContain(localOidcUrl);

  await page.goto("/registration");
  await expect(screen.button("provider", localProvider.id)).toHaveText(`Sign up with ${localProvider.label}`);
});

test("sign up with the provider, sign out, and sign in with it again", async ({ page, browser, email }, testInfo) => {
  const violations = collectCspViolations(page);
  const screen = new FlowScreen(page);
  const home = new HomeScreen(page);

  await page.goto("/registration");
  const hops = await continueWithProvider(page, screen.button("provider", localProvider.id), {
    email,
    first: "Ada",
    last: "Lovelace",
    locale: "de",
  });
  // Our relay answers the post with a 303 to the provider: form-action must allow its origin.
  expect(hops[0]).toEqual({ url: expect.stringMatching(`^${appUrl}/self-service/registration\\?flow=`), status: 303 });
  expect(hops[1]!.url).toMatch(`${localOidcUrl}/auth?`);
  await expect(page).toHaveURL("/");
  await expect(home.sessionEmail()).toHaveText(email);

  // The traits come from the provider's claims (kratos/oidc/local.mapper.jsonnet).
  const id = await signedInIdentityId(page);
  const identity = await identityById(id);
  expect(identity.traits).toEqual({ email, name: { first: "Ada", last: "Lovelace" }, locale: "de" });
  expect(oidcIdentifiers(identity)).toEqual([providerCredential]);
  expect(identity.verifiable_addresses).toEqual([expect.objectContaining({ value: email, verified: true })]);

  // The provider still knows this browser: signing in again needs no form.
  await logOut(page);
  await expect(screen.button("provider", localProvider.id)).toHaveText(`Sign in with ${localProvider.label}`);
  await screen.button("provider", localProvider.id).click();
  await expect(page).toHaveURL("/");
  await expect(home.sessionEmail()).toHaveText(email);
  expect(await signedInIdentityId(page)).toBe(id);
  expect(violations).toEqual([]);

  // A browser the provider has not seen gets its form, and the same account.
  const context = await freshContext(browser, testInfo);
  try {
    const other = await context.newPage();
    const otherViolations = collectCspViolations(other);
    await other.goto("/login");
    await continueWithProvider(other, new FlowScreen(other).button("provider", localProvider.id), { email });
    await expect(other).toHaveURL("/");
    await expect(new HomeScreen(other).sessionEmail()).toHaveText(email);
    expect(await signedInIdentityId(other)).toBe(id);
    expect(otherViolations).toEqual([]);
  } finally {
    await context.close();
  }
  expect(await findIdentities(email)).toHaveLength(1);
});

test("a password account links the provider in settings and unlinks it", async ({ page, email, password }) => {
  const violations = collectCspViolations(page);
  const { id } = await createIdentity(email, password, { verified: true });
  const screen = new FlowScreen(page);
  await logInWithPassword(page, email, password);
  await expect(page).toHaveURL("/");

  await page.goto("/settings");
  await expect(screen.button("link", localProvider.id)).toHaveText(`Link ${localProvider.label}`);
  await expect(screen.button("unlink", localProvider.id)).toHaveCount(0);
  expect(oidcIdentifiers(await identityById(id))).toEqual([]);

  const hops = await continueWithProvider(page, screen.button("link", localProvider.id), { email, first: "Lin" });
  expect(hops[0]).toEqual({ url: expect.stringMatching(`^${appUrl}/self-service/settings\\?flow=`), status: 303 });
  await expect(page).toHaveURL(/\/settings\?flow=/);
  await expect(screen.button("unlink", localProvider.id)).toHaveText(`Unlink ${localProvider.label}`);
  await expect(screen.button("link", localProvider.id)).toHaveCount(0);
  await expect(screen.message(oidcMessageIds.settingsSaved)).toBeVisible();
  expect(oidcIdentifiers(await identityById(id))).toEqual([providerCredential]);

  await screen.button("unlink", localProvider.id).click();
  await expect(screen.button("link", localProvider.id)).toHaveText(`Link ${localProvider.label}`);
  await expect(screen.button("unlink", localProvider.id)).toHaveCount(0);
  await expect(screen.message(oidcMessageIds.settingsSaved)).toBeVisible();
  expect(oidcIdentifiers(await identityById(id))).toEqual([]);
  expect(violations).toEqual([]);
});

test("signing up with the provider for an address that has a password asks for the password, then links", async ({
  page,
  email,
  password,
}) => {
  const { id } = await createIdentity(email, password, { verified: true });
  const screen = new FlowScreen(page);

  await page.goto("/registration");
  await continueWithProvider(page, screen.button("provider", localProvider.id), { email, first: "Erin" });
  await expect(page).toHaveURL(/\/login\?flow=/);
  await expect(screen.message(oidcMessageIds.addressTaken)).toContainText(`"${email}"`);
  await expect(screen.message(oidcMessageIds.addressTaken)).toContainText(localProvider.label);
  expect(oidcIdentifiers(await identityById(id))).toEqual([]);

  await expect(new LinkBeforeSignInScreen(page).identifier()).toHaveValue(email);
  await screen.input("password").fill(password);
  await screen.button("method", "password").click();
  await expect(page).toHaveURL("/");
  await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);
  expect(oidcIdentifiers(await identityById(id))).toEqual([providerCredential]);
  expect(await findIdentities(email)).toHaveLength(1);
});
