import { expect, type Page } from "@playwright/test";
import { FlowScreen } from "../screens/flow-screen";

/** Kratos message ids of the identifier-first login (Kratos's text/id.go). */
export const identifierFirstMessageIds = {
  invalidCredentials: 4000006,
  /** ErrorValidationAddressNotVerified, from the require_verified_address hook. */
  addressNotVerified: 4000010,
} as const;

/** Starts a login and submits only the identifier. Ends on Kratos's second step, which asks for the password. */
export async function enterIdentifier(page: Page, email: string): Promise<void> {
  const screen = new FlowScreen(page);
  await page.goto("/login");
  await screen.input("identifier").fill(email);
  await screen.button("method", "identifier_first").click();
  await expect(screen.input("password")).toBeVisible();
}

/** Types `password` into the second step and submits it. */
export async function submitPassword(page: Page, password: string): Promise<void> {
  const screen = new FlowScreen(page);
  await screen.input("password").fill(password);
  await screen.button("method", "password").click();
}

/** Signs in through both steps: the identifier, then the password. */
export async function logInIdentifierFirst(page: Page, email: string, password: string): Promise<void> {
  await enterIdentifier(page, email);
  await submitPassword(page, password);
}
