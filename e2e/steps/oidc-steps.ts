import { expect, type Browser, type BrowserContext, type Locator, type Page, type TestInfo } from "@playwright/test";
import { OidcProviderScreen } from "../screens/oidc-screens";
import { currentStack, localOidcUrl } from "../stack";
import { isCspViolation, redirectChain, type Hop } from "./guard-steps";

/** The provider `./stack up --local-oidc` configures in Kratos (scripts/stack.mjs). */
export const localProvider = { id: "local", label: "Local OIDC" } as const;

/** The mask image of an OIDC button's mark (its ::before), or "none" when it has none. */
export async function providerMark(button: Locator): Promise<string> {
  return button.evaluate((element) => getComputedStyle(element, "::before").maskImage);
}

/** Kratos message ids of the OIDC method (Kratos's text/id.go). */
export const oidcMessageIds = {
  settingsSaved: 1050001,
  /** The provider's address belongs to an account that must sign in another way first. */
  addressTaken: 1010016,
} as const;

/** Who the user says they are on the provider's form. */
export type ProviderUser = { email: string; first?: string; last?: string; locale?: string };

/** Answers the local provider's form as `user`. */
export async function answerProviderForm(page: Page, user: ProviderUser): Promise<void> {
  const provider = new OidcProviderScreen(page);
  await expect(provider.heading()).toBeVisible();
  expect(new URL(page.url()).origin).toBe(localOidcUrl);
  await provider.email().fill(user.email);
  await provider.firstName().fill(user.first ?? "");
  await provider.lastName().fill(user.last ?? "");
  await provider.locale().fill(user.locale ?? "");
  await provider.submit().click();
}

/**
 * Clicks a provider button of ours (sign-in, sign-up or link), answers the
 * provider's form as `user` and returns the redirects that led to that form.
 */
export async function continueWithProvider(page: Page, button: Locator, user: ProviderUser): Promise<Hop[]> {
  const providerForm = page.waitForResponse(
    (response) => response.url().startsWith(`${localOidcUrl}/interaction/`) && response.request().method() === "GET",
  );
  await button.click();
  const hops = await redirectChain(await providerForm);
  await answerProviderForm(page, user);
  return hops;
}

/** A new browser context (no cookies: the provider does not know it yet), with this project's JavaScript setting. */
export async function freshContext(browser: Browser, testInfo: TestInfo): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    javaScriptEnabled: testInfo.project.use.javaScriptEnabled,
  });
}

/** An identity as Kratos's admin API returns it, with what these tests look at. */
export type AdminIdentity = {
  id: string;
  traits: Record<string, unknown>;
  credentials?: Record<string, { identifiers?: string[] }>;
  verifiable_addresses?: { value: string; verified: boolean }[];
};

/** The identity with `id`, through Kratos's admin API. */
export async function identityById(id: string): Promise<AdminIdentity> {
  const response = await fetch(`${currentStack().kratosAdminUrl}/admin/identities/${id}`);
  if (!response.ok) throw new Error(`Kratos admin answered ${response.status}`);
  return (await response.json()) as AdminIdentity;
}

/** The identifiers of the identity's OIDC credential (`<provider id>:<subject>`), none when it has no such credential. */
export function oidcIdentifiers(identity: AdminIdentity): string[] {
  return identity.credentials?.oidc?.identifiers ?? [];
}

/** The id of the identity the browser's session belongs to, from Kratos's whoami with the page's cookies. */
export async function signedInIdentityId(page: Page): Promise<string> {
  const response = await page.request.get(`${currentStack().kratosPublicUrl}/sessions/whoami`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { identity: { id: string } }).identity.id;
}

/** Collects the Content Security Policy violations the browser reports for `page`. */
export function collectCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (isCspViolation(message.text())) violations.push(message.text());
  });
  return violations;
}
