import { expect, type Browser, type BrowserContext, type Locator, type Page, type TestInfo } from "@playwright/test";
import { HomeScreen } from "../screens/flow-screen";
import { logInWithPassword } from "./auth-steps";

/** Locators for the sessions page. */
export class SessionsScreen {
  constructor(readonly page: Page) {}

  current(): Locator {
    return this.page.getByTestId("session/current");
  }

  others(): Locator {
    return this.page.getByTestId("session/other");
  }

  /** The revoke button of the other session with `id`. */
  revoke(id: string): Locator {
    return this.page.locator(`[data-session-id="${id}"]`).getByTestId("session/revoke");
  }

  revokeOthers(): Locator {
    return this.page.getByTestId("sessions/revoke-others");
  }

  notice(): Locator {
    return this.page.getByTestId("sessions-notice");
  }
}

/** Locators for the account deletion page. */
export class DeleteAccountScreen {
  constructor(readonly page: Page) {}

  confirmEmail(): Locator {
    return this.page.getByTestId("delete/confirm-email");
  }

  submit(): Locator {
    return this.page.getByTestId("delete/submit");
  }

  error(): Locator {
    return this.page.getByTestId("delete/error");
  }
}

/** A second browser context, with the same JavaScript setting as this project, signed in as `email`. */
export async function signInElsewhere(
  browser: Browser,
  testInfo: TestInfo,
  email: string,
  password: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    javaScriptEnabled: testInfo.project.use.javaScriptEnabled,
    userAgent: "E2E-Second-Device/1.0",
  });
  const page = await context.newPage();
  await logInWithPassword(page, email, password);
  await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);
  return { context, page };
}

/** The id of the session the sessions page calls "this device". */
export async function currentSessionId(page: Page): Promise<string> {
  await page.goto("/sessions");
  const id = await new SessionsScreen(page).current().getAttribute("data-session-id");
  expect(id).toBeTruthy();
  return id!;
}

/** Whether the home page in `page` shows that nobody is signed in. */
export async function expectSignedOut(page: Page): Promise<void> {
  await page.goto("/");
  await expect(new HomeScreen(page).loginLink()).toBeVisible();
}
