import type { Locator, Page } from "@playwright/test";

/** Locators for any page rendered from Kratos nodes, by the markup contract. */
export class FlowScreen {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole("heading", { level: 1 });
  }

  /** The visible input of the node named `name`. */
  input(name: string): Locator {
    return this.page.getByTestId(`node/input/${name}`).locator("input");
  }

  /** The submit button Kratos named `name` with `value` (e.g. method=password). */
  button(name: string, value: string): Locator {
    return this.page.locator(`button[type="submit"][name="${name}"][value="${value}"]`);
  }

  message(id: number): Locator {
    return this.page.getByTestId(`ui/message/${id}`);
  }

  anchor(id: string): Locator {
    return this.page.getByTestId(`node/anchor/${id}`);
  }

  csrfToken(): Locator {
    return this.page.locator('input[type="hidden"][name="csrf_token"]');
  }
}

/** Locators for the home page. */
export class HomeScreen {
  constructor(readonly page: Page) {}

  sessionEmail(): Locator {
    return this.page.getByTestId("session-email");
  }

  address(email: string): Locator {
    return this.page.getByTestId(`address/${email}`);
  }

  logoutLink(): Locator {
    return this.page.getByTestId("logout-link");
  }

  loginLink(): Locator {
    return this.page.getByTestId("login-link");
  }
}
