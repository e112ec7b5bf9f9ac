import type { Locator, Page } from "@playwright/test";

/** Locators for the local OpenID provider's sign-in form (scripts/oidc-provider.mjs). */
export class OidcProviderScreen {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole("heading", { level: 1, name: "Local OpenID provider" });
  }

  email(): Locator {
    return this.page.getByLabel("Email");
  }

  firstName(): Locator {
    return this.page.getByLabel("First name");
  }

  lastName(): Locator {
    return this.page.getByLabel("Last name");
  }

  locale(): Locator {
    return this.page.getByLabel("Locale");
  }

  submit(): Locator {
    return this.page.getByRole("button", { name: "Continue" });
  }
}

/** Locators for our sign-in page when Kratos asks to sign in another way before it links the provider (1010016). */
export class LinkBeforeSignInScreen {
  constructor(readonly page: Page) {}

  /** Kratos fills in the address the provider sent, as a hidden field. */
  identifier(): Locator {
    return this.page.locator('input[type="hidden"][name="identifier"]');
  }
}
