import { expect, type Page, type Response } from "@playwright/test";
import { FlowScreen } from "../screens/flow-screen";

/** Clicks a form's submit button and returns our relay's answer to the POST. */
export async function submitAndCatchAnswer(page: Page, click: () => Promise<void>): Promise<Response> {
  const [answer] = await Promise.all([
    page.waitForResponse(
      (response) => response.request().method() === "POST" && /\/self-service\//.test(response.url()),
    ),
    click(),
  ]);
  return answer;
}

/**
 * Starts a sign-up for `email` and leaves the browser on the password step,
 * where each submission carries the address again (one attempt on it).
 */
export async function startRegistration(page: Page, email: string): Promise<void> {
  const screen = new FlowScreen(page);
  await page.goto("/registration");
  await screen.input("traits.email").fill(email);
  await screen.button("method", "profile").click();
  await expect(screen.input("password")).toBeVisible();
}

/** Submits the password step with a password Kratos refuses (too short); returns the relay's answer. */
export async function submitShortPassword(page: Page): Promise<Response> {
  const screen = new FlowScreen(page);
  await screen.input("password").fill("short");
  return submitAndCatchAnswer(page, () => screen.button("method", "password").click());
}
