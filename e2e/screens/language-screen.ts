import type { Locator, Page } from "@playwright/test";

/** The language switcher in every page's footer, and the page's declared language. */
export class LanguageScreen {
  constructor(readonly page: Page) {}

  /** The switcher's button for `locale` (en, vi, de, fr). */
  choose(locale: string): Locator {
    return this.page.getByTestId(`language/${locale}`);
  }

  switcher(): Locator {
    return this.page.getByTestId("language-switcher");
  }

  /** `<html lang>`. */
  documentLanguage(): Locator {
    return this.page.locator("html");
  }
}
