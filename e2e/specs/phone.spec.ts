// Phone numbers (the optional phone_number trait, a one-time-code identifier
// verified by SMS) and the tenant trait, through the pages, with JavaScript
// and without. Kratos texts through its HTTP SMS channel to
// scripts/http-courier.mjs, which the tests read. What Kratos v1.3.1 cannot
// do (text a sign-up code) ends on a page that says so.
import { createIdentity, findIdentities } from "../fixtures/kratos-admin";
import { textMessagesTo, waitForTextCode } from "../fixtures/mail";
import { vietnamesePhoneNumber } from "../fixtures/phone";
import { expect, test } from "../fixtures/test";
import { FlowScreen, HomeScreen } from "../screens/flow-screen";
import { logInWithPassword, messageIds, verifyWithMailedCode } from "../steps/auth-steps";
import { verificationMessageIds } from "../steps/verification-steps";

type Address = { value: string; via: string; verified: boolean };
type FullIdentity = { traits: Record<string, unknown>; verifiable_addresses: Address[] };

const loginCodeInvalid = 4010008;

/** Another six digits than `code`, so that a "wrong code" is always wrong. */
const otherThan = (code: string) => (code === "000000" ? "111111" : "000000");

/** Kratos holds `phone` as a verified SMS address of the identity with `email`. */
async function expectPhoneVerified(email: string, phone: string): Promise<void> {
  const [identity] = (await findIdentities(email)) as unknown as FullIdentity[];
  expect(identity!.verifiable_addresses).toContainEqual(
    expect.objectContaining({ value: phone, via: "sms", verified: true }),
  );
}

test("sign up with an email, a Vietnamese number and a tenant; Kratos texts the number a code", async ({
  page,
  email,
  password,
}) => {
  const screen = new FlowScreen(page);
  const phone = vietnamesePhoneNumber();
  await page.goto("/registration");
  await screen.input("traits.email").fill(email);
  await screen.input("traits.phone_number").fill(phone);
  await screen.input("traits.tenant").fill("life_ai");
  await screen.button("method", "profile").click();
  await screen.input("password").fill(password);
  await screen.button("method", "password").click();

  // One verification flow per address; the relay shows the mail's.
  await expect(screen.heading()).toHaveText("Verify your email address");
  await expect(screen.message(messageIds.verificationCodeSent)).toBeVisible();
  const text = await waitForTextCode(phone);
  expect(text.message.templateType).toBe("verification_code_valid");
  await verifyWithMailedCode(page, email);

  const [identity] = (await findIdentities(email)) as unknown as FullIdentity[];
  expect(identity!.traits).toMatchObject({ email, phone_number: phone, tenant: "life_ai" });
});

test("a number added in settings is verified by SMS code; a wrong code gets Kratos's message", async ({
  page,
  email,
  password,
}) => {
  const screen = new FlowScreen(page);
  const phone = vietnamesePhoneNumber();
  await createIdentity(email, password, { verified: true });
  await logInWithPassword(page, email, password);
  await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);

  await page.goto("/settings");
  await screen.input("traits.phone_number").fill(phone);
  await screen.button("method", "profile").click();
  // Kratos made a verification flow for the new number and texted its code.
  await expect(page).toHaveURL(/\/verification\?flow=/);
  const text = await waitForTextCode(phone);
  expect(text.message.templateType).toBe("verification_code_valid");

  await screen.input("code").fill(otherThan(text.code));
  await screen.button("method", "code").click();
  await expect(screen.message(verificationMessageIds.codeInvalid)).toBeVisible();
  await screen.input("code").fill(text.code);
  await screen.button("method", "code").click();
  await expect(screen.message(verificationMessageIds.succeeded)).toBeVisible();

  await expectPhoneVerified(email, phone);
});

test("sign in by SMS code with the phone number; a wrong code gets Kratos's message", async ({
  page,
  email,
  password,
}) => {
  const screen = new FlowScreen(page);
  const phone = vietnamesePhoneNumber();
  await createIdentity(email, password, { verified: true, traits: { phone_number: phone, tenant: "life_ai" } });

  await page.goto("/login");
  // The one field takes either: its label says so.
  await screen.labelled("Email or phone number").fill(phone);
  await screen.button("method", "code").click();
  await expect(screen.input("code")).toBeVisible();
  const text = await waitForTextCode(phone);
  expect(text.message.templateType).toBe("login_code_valid");
  // Nothing went to the mail address: the code goes where the identifier points.
  expect(await textMessagesTo(phone)).toHaveLength(1);

  await screen.input("code").fill(otherThan(text.code));
  await screen.button("method", "code").click();
  await expect(screen.message(loginCodeInvalid)).toBeVisible();
  await screen.input("code").fill(text.code);
  await screen.button("method", "code").click();
  await expect(page).toHaveURL("/");
  await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);
  // The code proved the number: Kratos marked it verified.
  await expectPhoneVerified(email, phone);
});

test("signing up by code with a phone number says Kratos v1.3.1 cannot text a sign-up code, and stores nothing", async ({
  page,
  email,
}) => {
  const screen = new FlowScreen(page);
  const phone = vietnamesePhoneNumber();
  await page.goto("/registration");
  await screen.input("traits.email").fill(email);
  await screen.input("traits.phone_number").fill(phone);
  await screen.button("method", "profile").click();
  await screen.button("method", "code").click();

  await expect(screen.heading()).toHaveText("We cannot text you a sign-up code");
  expect(await findIdentities(email)).toEqual([]);
  expect(await textMessagesTo(phone)).toEqual([]);
});
