import { createIdentity, sessionsOf, verifiableAddressesOf } from "../../fixtures/kratos-admin";
import { waitForKratosLink } from "../../fixtures/mail";
import { expect, test } from "../../fixtures/test";
import { FlowScreen, HomeScreen } from "../../screens/flow-screen";
import { expectSignedOut } from "../../steps/account-steps";
import { identifierFirstMessageIds, logInIdentifierFirst, submitPassword } from "../../steps/identifier-first-steps";
import { linkMessageIds, requestVerificationLink } from "../../steps/link-steps";

// Runs against the stack with kratos/profiles/alternative-methods.yml: the
// require_verified_address hook runs after a password login.

test("a password login with an unverified address is refused until the mailed link verifies it", async ({
  page,
  email,
  password,
}) => {
  const screen = new FlowScreen(page);
  const home = new HomeScreen(page);
  await createIdentity(email, password);

  await logInIdentifierFirst(page, email, password);
  await expect(screen.message(identifierFirstMessageIds.addressNotVerified)).toBeVisible();
  await expect(page).toHaveURL(/\/login\?flow=/);
  await expect(screen.hiddenInput("identifier")).toHaveValue(email);
  const loginUrl = page.url();
  expect(await sessionsOf(email)).toEqual([]);
  await expectSignedOut(page);

  await requestVerificationLink(page, email);
  await page.goto(await waitForKratosLink(email, "verification"));
  await expect(page).toHaveURL(/\/verification\?flow=/);
  await expect(screen.message(linkMessageIds.verified)).toBeVisible();
  expect(await verifiableAddressesOf(email)).toEqual([expect.objectContaining({ value: email, verified: true })]);

  // The same login flow, still on its password step, now lets the password through.
  await page.goto(loginUrl);
  await expect(screen.hiddenInput("identifier")).toHaveValue(email);
  await submitPassword(page, password);
  await expect(page).toHaveURL("/");
  await expect(home.sessionEmail()).toHaveText(email);
  await expect(home.address(email)).toContainText("verified");
  await expect(home.address(email)).not.toContainText("not verified");
});
