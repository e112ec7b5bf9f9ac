import type { Page } from "@playwright/test";
import { expect, test } from "../../fixtures/test";
import { createIdentity, verifiableAddressesOf } from "../../fixtures/kratos-admin";
import { waitForCode } from "../../fixtures/mail";
import { FlowScreen } from "../../screens/flow-screen";
import { currentStack } from "../../stack";
import {
  recoveryMessageIds,
  requestRecoveryCode,
  requestRecoveryCodeInThisFlow,
  submitRecoveryCode,
} from "../../steps/recovery-steps";
import {
  requestVerificationCode,
  requestVerificationCodeInThisFlow,
  submitVerificationCode,
  verificationMessageIds,
} from "../../steps/verification-steps";

// Runs against the stack with kratos/profiles/short-lifespans.yml: a mailed code
// lives 8 s, the recovery and verification flows that mail it 20 s.
const codeLifespanMs = 8_000;

type CodeFlow = "recovery" | "verification";

function flowIdOf(page: Page): string | null {
  return new URL(page.url()).searchParams.get("flow");
}

/** When the flow on screen expires, as Kratos reports it (read with the browser's cookies). */
async function flowExpiresAt(page: Page, kind: CodeFlow): Promise<number> {
  const response = await page.request.get(
    `${currentStack().kratosPublicUrl}/self-service/${kind}/flows?id=${flowIdOf(page)}`,
    { headers: { Accept: "application/json" } },
  );
  expect(response.status(), `Kratos's answer for the ${kind} flow on screen`).toBe(200);
  return Date.parse(((await response.json()) as { expires_at: string }).expires_at);
}

/** Waits until Kratos's lifespan of the flow on screen has passed. */
async function waitForFlowToExpire(page: Page, kind: CodeFlow): Promise<void> {
  await page.waitForTimeout(Math.max(0, (await flowExpiresAt(page, kind)) - Date.now()) + 1_000);
}

/**
 * Waits until a code that has arrived has outlived its lifespan, and checks that
 * the flow that mailed it is still valid: the test is about the code, and an
 * expired flow would lead to the same message by another path.
 */
async function waitForCodeToExpireInValidFlow(page: Page, kind: CodeFlow): Promise<void> {
  await page.waitForTimeout(codeLifespanMs + 1_000);
  expect((await flowExpiresAt(page, kind)) - Date.now(), `time left in the ${kind} flow`).toBeGreaterThan(2_000);
}

test("an expired recovery code gets Kratos's message, and a new code recovers the account", async ({
  page,
  email,
  password,
}) => {
  const screen = new FlowScreen(page);
  await createIdentity(email, password, { verified: true });

  await requestRecoveryCode(page, email);
  const codeFlow = flowIdOf(page);
  const expiredCode = await waitForCode(email);
  await waitForCodeToExpireInValidFlow(page, "recovery");
  await submitRecoveryCode(page, expiredCode);

  // Kratos v1.3.1 moves the user to a fresh flow (a 410 whose continue_with shows it) with its message.
  await expect(screen.message(recoveryMessageIds.recoveryFlowExpired)).toBeVisible();
  expect(flowIdOf(page)).not.toBe(codeFlow);
  await requestRecoveryCodeInThisFlow(page, email);
  await submitRecoveryCode(page, await waitForCode(email, 2));

  await expect(page).toHaveURL(/\/settings\?flow=/);
  await expect(screen.message(recoveryMessageIds.recovered)).toBeVisible();
});

test("an expired verification code gets Kratos's message, and a new code verifies the address", async ({
  page,
  email,
  password,
}) => {
  const screen = new FlowScreen(page);
  await createIdentity(email, password);

  await requestVerificationCode(page, email);
  const codeFlow = flowIdOf(page);
  const expiredCode = await waitForCode(email);
  await waitForCodeToExpireInValidFlow(page, "verification");
  await submitVerificationCode(page, expiredCode);

  await expect(screen.message(verificationMessageIds.flowExpired)).toBeVisible();
  expect(flowIdOf(page)).not.toBe(codeFlow);
  expect((await verifiableAddressesOf(email))[0]?.verified).toBe(false);
  await requestVerificationCodeInThisFlow(page, email);
  await submitVerificationCode(page, await waitForCode(email, 2));

  await expect(screen.message(verificationMessageIds.succeeded)).toBeVisible();
  expect((await verifiableAddressesOf(email))[0]?.verified).toBe(true);
});

test("an expired recovery flow continues in a fresh one with Kratos's message and the same return_to", async ({
  page,
  email,
  password,
}) => {
  const screen = new FlowScreen(page);
  const returnTo = `${currentStack().appUrl}/sessions`;
  const loginLink = page.getByTestId("login-link");
  await createIdentity(email, password, { verified: true });

  await page.goto(`/recovery?return_to=${encodeURIComponent(returnTo)}`);
  await expect(screen.heading()).toHaveText("Recover your account");
  await expect(loginLink).toHaveAttribute("href", `/login?return_to=${encodeURIComponent(returnTo)}`);
  const expiredFlow = flowIdOf(page);
  await waitForFlowToExpire(page, "recovery");
  await requestExpecting(page, email, recoveryMessageIds.recoveryFlowExpired);

  // Kratos v1.3.1 answers the relay's JSON post with a 303 to the new flow's JSON, which keeps return_to.
  expect(flowIdOf(page)).not.toBe(expiredFlow);
  await expect(loginLink).toHaveAttribute("href", `/login?return_to=${encodeURIComponent(returnTo)}`);
  await requestRecoveryCodeInThisFlow(page, email);
  await submitRecoveryCode(page, await waitForCode(email));

  await expect(page).toHaveURL(/\/settings\?flow=/);
  await expect(screen.message(recoveryMessageIds.recovered)).toBeVisible();
  // Kratos hands the recovery flow's return_to on to settings, where saving goes next.
  const settings = await page.request.get(
    `${currentStack().kratosPublicUrl}/self-service/settings/flows?id=${flowIdOf(page)}`,
    { headers: { Accept: "application/json" } },
  );
  expect(((await settings.json()) as { return_to?: string }).return_to).toBe(returnTo);
});

test("an expired verification flow continues in a fresh one with Kratos's message and the same return_to", async ({
  page,
  email,
  password,
}) => {
  const screen = new FlowScreen(page);
  const returnTo = `${currentStack().appUrl}/sessions`;
  await createIdentity(email, password);

  await page.goto(`/verification?return_to=${encodeURIComponent(returnTo)}`);
  await expect(screen.heading()).toHaveText("Verify your email address");
  const expiredFlow = flowIdOf(page);
  await waitForFlowToExpire(page, "verification");
  await requestExpecting(page, email, verificationMessageIds.flowExpired);

  // Kratos also renews its CSRF cookie here: the relay passes it on, or the next post would fail.
  expect(flowIdOf(page)).not.toBe(expiredFlow);
  await requestVerificationCodeInThisFlow(page, email);
  await submitVerificationCode(page, await waitForCode(email));

  await expect(screen.message(verificationMessageIds.succeeded)).toBeVisible();
  // The "continue" link of a finished verification leads to the flow's return_to.
  await expect(screen.anchor("continue")).toHaveAttribute("href", returnTo);
});

/** Asks for a code for `email` in the flow on screen and expects Kratos's message `id` instead. */
async function requestExpecting(page: Page, email: string, id: number): Promise<void> {
  const screen = new FlowScreen(page);
  await screen.input("email").fill(email);
  await screen.button("method", "code").click();
  await expect(screen.message(id)).toBeVisible();
}
