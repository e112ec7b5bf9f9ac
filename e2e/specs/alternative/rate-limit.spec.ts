import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "../../fixtures/test";
import { createIdentity, deleteIdentities } from "../../fixtures/kratos-admin";
import { FlowScreen } from "../../screens/flow-screen";
import { submitAndCatchAnswer } from "../../steps/hardening-steps";
import { enterIdentifier, identifierFirstMessageIds } from "../../steps/identifier-first-steps";
import { Attacker, passwordGuessVariants, type RelayAnswer } from "../../steps/attacker-steps";

// The alternative stack counts 5 wrong answers per account and address and
// allows 30 posts per client address a minute (playwright.config.ts); each
// test claims its own address.

async function submitWrongPassword(page: Page) {
  const screen = new FlowScreen(page);
  await screen.input("password").fill(`wrong-${randomUUID()}`);
  return submitAndCatchAnswer(page, () => screen.button("method", "password").click());
}

/**
 * Scripted wrong passwords for `email` from `address` until the relay refuses one: the
 * first 5 reach Kratos, then each must wait 1 s, 2 s, 4 s… after the last wrong answer.
 */
async function guessUntilRefused(
  appUrl: string,
  address: string,
  email: string,
  alreadyWrong = 0,
): Promise<RelayAnswer[]> {
  const attacker = await Attacker.at(appUrl, address);
  const answers: RelayAnswer[] = [];
  for (let attempt = 1; attempt <= 15 && answers.at(-1)?.status !== 429; attempt++) {
    const { flowId, csrfToken } = await attacker.startFlow("login");
    answers.push(await attacker.post("login", flowId, passwordGuessVariants(email, csrfToken)[0]!));
  }
  await attacker.dispose();
  const free = 5 - alreadyWrong;
  expect(answers.slice(0, free).map((answer) => answer.status)).toEqual(Array(free).fill(303));
  expect(answers.at(-1)?.status).toBe(429);
  return answers;
}

/**
 * Keeps guessing, each time after the wait the relay named, until the wait is at
 * least `seconds`: a browser step that follows then lands inside the wait even on
 * a loaded machine, where the first wait (1 s) may be over before the click.
 */
async function guessUntilWaitIsAtLeast(appUrl: string, address: string, email: string, seconds: number) {
  const attacker = await Attacker.at(appUrl, address);
  let retryAfter = 0;
  for (let attempt = 1; attempt <= 20 && retryAfter < seconds; attempt++) {
    const { flowId, csrfToken } = await attacker.startFlow("login");
    const answer = await attacker.post("login", flowId, passwordGuessVariants(email, csrfToken)[0]!);
    if (answer.status === 429) {
      retryAfter = answer.retryAfter ?? 0;
      if (retryAfter < seconds) await new Promise((resolve) => setTimeout(resolve, retryAfter * 1_000 + 100));
    }
  }
  await attacker.dispose();
  expect(retryAfter).toBeGreaterThanOrEqual(seconds);
}

test("wrong passwords beyond the free count get a 429 page that says how long to wait", async ({
  page,
  email,
  password,
  clientAddress,
  stack,
}) => {
  const screen = new FlowScreen(page);
  await createIdentity(email, password, { verified: true });
  await enterIdentifier(page, email);
  const first = await submitWrongPassword(page);
  expect(first.status()).toBe(303);
  await expect(screen.message(identifierFirstMessageIds.invalidCredentials)).toBeVisible();
  await guessUntilRefused(stack.appUrl, clientAddress, email, 1);
  await guessUntilWaitIsAtLeast(stack.appUrl, clientAddress, email, 8);

  const refused = await submitWrongPassword(page);
  expect(refused.status()).toBe(429);
  const retryAfter = Number(refused.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Too many attempts");
  await expect(page.getByTestId("ui/error/message")).toContainText(/please wait \d+ seconds? before trying again/);
  // The page never echoes what was typed.
  expect(await page.content()).not.toContain(email);

  // "Try again" leads back to the same flow.
  await page.getByTestId("retry-link").click();
  await expect(page).toHaveURL(/\/login\?flow=/);
});

test("another account from the same address is not held back by one account's count", async ({
  email,
  password,
  clientAddress,
  stack,
}) => {
  await createIdentity(email, password, { verified: true });
  await guessUntilRefused(stack.appUrl, clientAddress, email);

  const other = `e2e-other-${randomUUID().slice(0, 8)}@example.com`;
  await createIdentity(other, password, { verified: true });
  const attacker = await Attacker.at(stack.appUrl, clientAddress);
  const { flowId, csrfToken } = await attacker.startFlow("login");
  expect((await attacker.post("login", flowId, passwordGuessVariants(other, csrfToken)[0]!)).status).toBe(303);
  await attacker.dispose();
  await deleteIdentities(other);
});

test("a client beyond its limit is refused whatever address it tries, and other clients are not", async ({
  request,
  clientAddress,
  stack,
}) => {
  const post = (forwardedFor: string, index: number) =>
    request.post(`/self-service/recovery?flow=${randomUUID()}`, {
      headers: { "X-Forwarded-For": forwardedFor, Origin: stack.appUrl },
      form: { email: `e2e-flood-${index}-${randomUUID().slice(0, 6)}@example.com`, method: "link" },
      maxRedirects: 0,
    });
  const statuses: number[] = [];
  for (let index = 0; index < 31; index++) statuses.push((await post(clientAddress, index)).status());
  expect(statuses.slice(0, 30).every((status) => status === 303)).toBe(true);
  expect(statuses[30]).toBe(429);

  const elsewhere = clientAddress.replace(/\.\d+$/, (last) => `.${(Number(last.slice(1)) % 254) + 1}`);
  expect(elsewhere).not.toBe(clientAddress);
  expect((await post(elsewhere, 99)).status()).toBe(303);
});
