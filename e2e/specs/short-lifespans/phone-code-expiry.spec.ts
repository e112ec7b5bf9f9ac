import { createIdentity } from "../../fixtures/kratos-admin";
import { waitForTextCode } from "../../fixtures/mail";
import { vietnamesePhoneNumber } from "../../fixtures/phone";
import { expect, test } from "../../fixtures/test";
import { FlowScreen, HomeScreen } from "../../screens/flow-screen";

// Runs against the stack with kratos/profiles/short-lifespans.yml: a code lives
// 8 s, and so does the login flow that sent it.

test("an expired SMS sign-in code continues in a fresh flow with Kratos's message", async ({
  page,
  email,
  password,
}) => {
  const screen = new FlowScreen(page);
  const phone = vietnamesePhoneNumber();
  await createIdentity(email, password, { verified: true, traits: { phone_number: phone } });
  await page.goto("/login");
  await screen.input("identifier").fill(phone);
  await screen.button("method", "code").click();
  await expect(screen.input("code")).toBeVisible();
  const expiredFlow = new URL(page.url()).searchParams.get("flow");
  const text = await waitForTextCode(phone);

  await page.waitForTimeout(9_000);
  await screen.input("code").fill(text.code);
  await screen.button("method", "code").click();
  // Kratos's "expired" message (4010001) on the fresh flow it made.
  await expect(screen.message(4010001)).toBeVisible();
  expect(new URL(page.url()).searchParams.get("flow")).not.toBe(expiredFlow);

  await screen.input("identifier").fill(phone);
  await screen.button("method", "code").click();
  await screen.input("code").fill((await waitForTextCode(phone, 2)).code);
  await screen.button("method", "code").click();
  await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);
});
