import { createIdentity } from "../fixtures/kratos-admin";
import { messagesTo } from "../fixtures/mail";
import { expect, test } from "../fixtures/test";
import { FlowScreen, HomeScreen } from "../screens/flow-screen";
import { LanguageScreen } from "../screens/language-screen";
import { logInWithPassword, messageIds } from "../steps/auth-steps";
import { requestRecoveryCode } from "../steps/recovery-steps";

// What the login page says in each language, and a browser language that asks for it.
// The identifier's label is ours, from the identity schema's email and phone_number traits.
const loginPage = {
  en: {
    heading: "Sign in",
    identifier: "Email or phone number",
    passwordButton: "Sign in with password",
    browser: "en-GB",
  },
  vi: {
    heading: "Đăng nhập",
    identifier: "Email hoặc số điện thoại",
    passwordButton: "Đăng nhập bằng mật khẩu",
    browser: "vi-VN",
  },
  de: {
    heading: "Anmelden",
    identifier: "E-Mail-Adresse oder Telefonnummer",
    passwordButton: "Mit Passwort anmelden",
    browser: "de-AT",
  },
  fr: {
    heading: "Se connecter",
    identifier: "Adresse e-mail ou numéro de téléphone",
    passwordButton: "Se connecter avec un mot de passe",
    browser: "fr-CA",
  },
} as const;

for (const [locale, expected] of Object.entries(loginPage)) {
  test.describe(`a browser in ${expected.browser}`, () => {
    // Sets Accept-Language as the browser would.
    test.use({ locale: expected.browser });

    test(`gets the login page in ${locale}`, async ({ page }) => {
      const screen = new FlowScreen(page);
      await page.goto("/login");
      await expect(screen.heading()).toHaveText(expected.heading);
      await expect(screen.labelled(expected.identifier)).toHaveAttribute("name", "identifier");
      await expect(screen.button("method", "password")).toHaveText(expected.passwordButton);
      await expect(new LanguageScreen(page).documentLanguage()).toHaveAttribute("lang", locale);
    });
  });
}

test.describe("a browser in English", () => {
  test.use({ locale: "en-US" });

  test("can switch the language of the same flow, and the choice is remembered", async ({ page }) => {
    test.slow();
    const screen = new FlowScreen(page);
    const languages = new LanguageScreen(page);
    await page.goto("/login");
    const flowUrl = page.url();
    for (const locale of ["vi", "fr", "de"] as const) {
      await languages.open();
      await languages.choose(locale).click();
      await expect(screen.heading()).toHaveText(loginPage[locale].heading);
      await expect(screen.labelled(loginPage[locale].identifier)).toHaveAttribute("name", "identifier");
      await expect(languages.documentLanguage()).toHaveAttribute("lang", locale);
      // Back on the very flow it left, not a new one.
      expect(page.url()).toBe(flowUrl);
    }
    // The cookie wins over Accept-Language on the next page too.
    await page.goto("/registration");
    await expect(screen.heading()).toHaveText("Konto erstellen");
    await expect(languages.link()).toHaveText("Sprache: Deutsch");
    await languages.open();
    await expect(languages.choose("de")).toHaveAttribute("aria-current", "true");
  });
});

test.describe("a browser in French", () => {
  test.use({ locale: "fr-FR" });

  test("gets Kratos's error message in French", async ({ page, email }) => {
    await logInWithPassword(page, email, "not-the-password");
    const message = new FlowScreen(page).message(messageIds.invalidCredentials);
    await expect(message).toHaveText(/^Les identifiants sont incorrects\./);
  });

  test("still sees a signed-in user's own language (their locale trait wins)", async ({ page, email, password }) => {
    await createIdentity(email, password, { verified: true, locale: "de" });
    await logInWithPassword(page, email, password);
    await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ihr Konto");
    await expect(new LanguageScreen(page).documentLanguage()).toHaveAttribute("lang", "de");
    // Their profile decides: the switcher, which would not win, is not offered.
    await expect(new LanguageScreen(page).link()).toHaveCount(0);
  });
});

test("the mail Kratos sends is in the identity's language", async ({ page, email, password }) => {
  await createIdentity(email, password, { verified: true, locale: "de" });
  await requestRecoveryCode(page, email);
  await expect
    .poll(async () => (await messagesTo(email)).at(-1)?.subject)
    .toBe("Zugang zu Ihrem Konto wiederherstellen");
  expect((await messagesTo(email)).at(-1)?.text).toMatch(/^Hallo,/);
});
