import type { Locator, Page } from "@playwright/test";

/** The language link in every page's footer, the language page it opens, and the page's declared language. */
export class LanguageScreen {
  constructor(readonly page: Page) {}

  /** The footer's link to the language page ("Language: English"). */
  link(): Locator {
    return this.page.getByTestId("language-link");
  }

  /** Opens the language page from the footer. */
  async open(): Promise<void> {
    await this.link().click();
    await this.switcher().waitFor();
  }

  /** The language page's button for `locale` (en, vi, de, fr). */
  choose(locale: string): Locator {
    return this.switcher().locator(`button[value="${locale}"]`);
  }

  switcher(): Locator {
    return this.page.getByTestId("language-switcher");
  }

  /** `<html lang>`. */
  documentLanguage(): Locator {
    return this.page.locator("html");
  }
}
