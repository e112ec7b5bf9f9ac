import { randomUUID } from "node:crypto";
import { expect, test } from "../../fixtures/test";
import { FlowScreen } from "../../screens/flow-screen";
import { startRegistration, submitShortPassword } from "../../steps/hardening-steps";

// The alternative stack allows 5 submissions per identifier and 30 per client
// address a minute (playwright.config.ts); each test claims its own address.

test("attempts on one address beyond the limit get a 429 page that says when to try again", async ({ page, email }) => {
  const screen = new FlowScreen(page);
  await startRegistration(page, email); // attempt 1
  for (let attempt = 2; attempt <= 5; attempt++) {
    const answer = await submitShortPassword(page);
    expect(answer.status(), `attempt ${attempt} reaches Kratos`).toBe(303);
    await expect(screen.input("password")).toBeVisible();
  }

  const refused = await submitShortPassword(page);
  expect(refused.status()).toBe(429);
  const retryAfter = Number(refused.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Too many attempts");
  await expect(page.getByTestId("ui/error/message")).toContainText(/please wait \d+ seconds? before trying again/);
  // The page never echoes what was typed.
  expect(await page.content()).not.toContain(email);

  // "Try again" leads back to the same flow.
  await page.getByTestId("retry-link").click();
  await expect(page).toHaveURL(/\/registration\?flow=/);
});

test("another address from the same client is not held back by one address's limit", async ({ page, email }) => {
  await startRegistration(page, email);
  for (let attempt = 2; attempt <= 6; attempt++) await submitShortPassword(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Too many attempts");

  const other = `e2e-other-${randomUUID().slice(0, 8)}@example.com`;
  await startRegistration(page, other);
  const answer = await submitShortPassword(page);
  expect(answer.status()).toBe(303);
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
