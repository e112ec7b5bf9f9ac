import type { Locator, Page } from "@playwright/test";

/** Locators for the example protected app (examples/protected-app). */
export class ExampleAppScreen {
  constructor(readonly page: Page) {}

  signedInAs(): Locator {
    return this.page.getByTestId("signed-in-as");
  }

  assuranceLevel(): Locator {
    return this.page.getByTestId("aal");
  }

  signOut(): Locator {
    return this.page.getByTestId("sign-out");
  }
}
