import { expect, test } from "../fixtures/test";
import { findIdentities } from "../fixtures/kratos-admin";
import { HomeScreen } from "../screens/flow-screen";
import { signUpWithPassword } from "../steps/auth-steps";
import { DeleteAccountScreen, expectSignedOut } from "../steps/account-steps";

test("right after sign-up the account can be deleted, which signs the browser out", async ({
  page,
  email,
  password,
}) => {
  const screen = new DeleteAccountScreen(page);
  await signUpWithPassword(page, email, password);
  expect(await findIdentities(email)).toHaveLength(1);

  await page.goto("/");
  await page.getByTestId("delete-account-link").click();
  await expect(page).toHaveURL(/\/account\/delete$/);
  // The confirmation ignores case.
  await screen.confirmEmail().fill(email.toUpperCase());
  const answer = page.waitForResponse(
    (response) => response.request().method() === "POST" && response.url().endsWith("/account/delete/confirm"),
  );
  await screen.submit().click();
  const deletion = await answer;
  expect(deletion.status()).toBe(303);
  expect(deletion.headers().location).toBe("/account/deleted");

  expect(await findIdentities(email)).toHaveLength(0);
  const session = (await page.context().cookies()).find((cookie) => cookie.name === "ory_kratos_session");
  expect(session?.value ?? "").toBe("");
  // Needs /account/deleted to be outside the route guard's protected /account prefix.
  await expect(page).toHaveURL(/\/account\/deleted$/);
  await expect(page.getByTestId("account-deleted")).toHaveText("Your account has been deleted");
  await expectSignedOut(page);
});

test("a wrong confirmation shows the form again with a message and deletes nothing", async ({
  page,
  email,
  password,
}) => {
  const screen = new DeleteAccountScreen(page);
  await signUpWithPassword(page, email, password);

  await page.goto("/account/delete");
  await screen.confirmEmail().fill(`not-${email}`);
  await screen.submit().click();

  await expect(page).toHaveURL(/\/account\/delete\?error=confirmation$/);
  await expect(screen.error()).toContainText("not your account's email address");
  await expect(screen.confirmEmail()).toHaveValue("");
  expect(await findIdentities(email)).toHaveLength(1);
  await page.goto("/");
  await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);
});

test("a cross-site post to the deletion endpoint is refused", async ({ page, request, email, password }) => {
  await signUpWithPassword(page, email, password);
  const cookie = (await page.context().cookies()).map((item) => `${item.name}=${item.value}`).join("; ");
  const response = await request.post("/account/delete/confirm", {
    headers: { Origin: "https://evil.example", Cookie: cookie },
    form: { confirm_email: email },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  expect(await findIdentities(email)).toHaveLength(1);
});
