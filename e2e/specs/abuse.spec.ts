import { randomUUID } from "node:crypto";
import { expect, test } from "../fixtures/test";
import { messagesTo } from "../fixtures/mail";
import { FlowScreen, HomeScreen } from "../screens/flow-screen";
import { logInWithPassword, logOut, signUpWithPassword } from "../steps/auth-steps";
import { linkTotp, totpCode } from "../steps/settings-steps";
import {
  Attacker,
  attackerAddresses,
  formBody,
  madeUpFlowId,
  passwordGuessVariants,
  type RelayAnswer,
} from "../steps/attacker-steps";

// The main stack counts 10 wrong answers per account and address and 20 per
// account (RATE_LIMIT_PER_ACCOUNT in playwright.config.ts) before waits start.
const perAccountFree = 20;
const perAddressFree = 10;

test.describe.configure({ timeout: 180_000 });

test("an attacker on 50 addresses, with every field variant, cannot lock the owner out of password and TOTP sign-in", async ({
  page,
  email,
  password,
  stack,
}) => {
  const owner = `198.18.${Math.floor(Math.random() * 250)}.${2 + Math.floor(Math.random() * 250)}`;
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": owner });
  const screen = new FlowScreen(page);
  await signUpWithPassword(page, email, password);
  const secret = await linkTotp(page);
  await logOut(page);
  // The owner signs in from their own address once, as people do.
  await logInWithPassword(page, email, password);
  await screen.input("totp_code").fill(totpCode(secret));
  await screen.button("method", "totp").click();
  await expect(page.getByTestId("session-aal")).toHaveAttribute("data-aal", "aal2");
  await logOut(page);

  // First, posts Kratos refuses without checking a password: made-up flows and missing CSRF
  // tokens, with every variant, and second-factor fields without a session. They cost the
  // sending address only: all 50 reach Kratos, and the account has spent nothing.
  const addresses = attackerAddresses(50);
  const attackers = await Promise.all(addresses.map((address) => Attacker.at(stack.appUrl, address)));
  for (const attacker of attackers) {
    const { flowId, csrfToken } = await attacker.startFlow("login");
    const variants = passwordGuessVariants(email, csrfToken);
    for (const variant of variants) expect((await attacker.post("login", madeUpFlowId(), variant)).status).toBe(303);
    expect((await attacker.post("login", flowId, variants[0]!.replace(/^csrf_token=[^&]*&/, ""))).status).toBe(303);
    const secondFactor = formBody([
      ["csrf_token", csrfToken],
      ["method", "totp"],
      ["totp_code", "000000"],
      ["identifier", email],
    ]);
    expect((await attacker.post("login", flowId, secondFactor)).status).toBe(303);
  }

  // Then real wrong guesses, one per address, each with another variant.
  const answers: RelayAnswer[] = [];
  for (const [index, attacker] of attackers.entries()) {
    const { flowId, csrfToken } = await attacker.startFlow("login");
    answers.push(await attacker.post("login", flowId, passwordGuessVariants(email, csrfToken)[index % 6]!));
    await attacker.dispose();
  }

  // Kratos was asked until the account's free count was spent; then addresses wait, growing.
  const reachedKratos = answers.filter((answer) => answer.status === 303).length;
  // Exactly the free count when nothing before counted; a slow run may let a few through after a wait.
  expect(answers.slice(0, perAccountFree).map((answer) => answer.status)).toEqual(Array(perAccountFree).fill(303));
  expect(reachedKratos).toBeLessThanOrEqual(perAccountFree + 3);
  const refused = answers.filter((answer) => answer.status === 429);
  expect(refused.length).toBeGreaterThan(0);
  expect(refused.every((answer) => (answer.retryAfter ?? 0) >= 1)).toBe(true);

  // The owner, from their own address, signs in with password and TOTP on the first try.
  await logInWithPassword(page, email, password);
  await expect(screen.heading()).toHaveText("Second factor");
  await screen.input("totp_code").fill(totpCode(secret));
  await screen.button("method", "totp").click();
  await expect(page).toHaveURL("/");
  await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);
  await expect(page.getByTestId("session-aal")).toHaveAttribute("data-aal", "aal2");
});

test("from one address, guesses are held to the budget whatever the post renames, password and TOTP alike", async ({
  page,
  email,
  password,
  stack,
}) => {
  await signUpWithPassword(page, email, password);
  await linkTotp(page);
  await logOut(page);

  const attacker = await Attacker.at(stack.appUrl, attackerAddresses(1)[0]!);
  const answers: RelayAnswer[] = [];
  for (let index = 0; index <= perAddressFree; index++) {
    const { flowId, csrfToken } = await attacker.startFlow("login");
    const variants = passwordGuessVariants(email, csrfToken);
    answers.push(await attacker.post("login", flowId, variants[index % variants.length]!));
  }
  expect(answers.slice(0, perAddressFree).map((answer) => answer.status)).toEqual(Array(perAddressFree).fill(303));
  expect(answers[perAddressFree]).toMatchObject({ status: 429, retryAfter: 1 });

  // The attacker knows the password; the TOTP is guessed within the session, stray fields or not.
  const other = await Attacker.at(stack.appUrl, attackerAddresses(1)[0]!);
  const { flowId, csrfToken } = await other.startFlow("login");
  const secondFactor = await other.flowOn(
    await other.postAndFollow(
      "login",
      flowId,
      formBody([
        ["csrf_token", csrfToken],
        ["method", "password"],
        ["identifier", email],
        ["password", password],
      ]),
    ),
  );
  const totpAnswers: RelayAnswer[] = [];
  for (let index = 0; index <= perAddressFree; index++) {
    const body = formBody([
      ["csrf_token", secondFactor.csrfToken],
      ["method", "totp"],
      ["totp_code", "000000"],
      ["identifier", `r${index}-${randomUUID()}@example.com`],
      ["password_identifier", `r${index}`],
    ]);
    totpAnswers.push(await other.post("login", secondFactor.flowId, body));
  }
  expect(totpAnswers.slice(0, perAddressFree).map((answer) => answer.status)).toEqual(Array(perAddressFree).fill(303));
  expect(totpAnswers[perAddressFree]).toMatchObject({ status: 429, retryAfter: 1 });
  await attacker.dispose();
  await other.dispose();
});

test("recovery mails to one address are held to its budget whatever identifier the post carries", async ({
  page,
  email,
  password,
  stack,
}) => {
  await signUpWithPassword(page, email, password);
  const attacker = await Attacker.at(stack.appUrl, attackerAddresses(1)[0]!);
  const statuses: number[] = [];
  for (let index = 0; index <= perAddressFree; index++) {
    const { flowId, csrfToken } = await attacker.startFlow("recovery");
    const address = index % 2 ? email.toUpperCase() : ` ${email}`;
    const body = formBody([
      ["csrf_token", csrfToken],
      ["method", "code"],
      ["email", address],
      ["identifier", `r${index}`],
    ]);
    statuses.push((await attacker.post("recovery", flowId, body)).status);
  }
  expect(statuses.slice(0, perAddressFree)).toEqual(Array(perAddressFree).fill(303));
  expect(statuses[perAddressFree]).toBe(429);
  const recoveryMails = (await messagesTo(email)).filter((mail) => /recover/i.test(mail.subject));
  expect(recoveryMails.length).toBeLessThanOrEqual(perAddressFree);
  await attacker.dispose();
});
