import { describe, expect, it } from "vitest";
import { en as kratosEnglish } from "./messages/en";
import { de as kratosGerman } from "./messages/de";
import { fr as kratosFrench } from "./messages/fr";
import { vi as kratosVietnamese } from "./messages/vi";
import { translationMistakes } from "./messages/translation";
import { chooseLocale, locales, negotiateLocale } from "./locales";
import { allTexts, fill, localText, relativeTime, textPlaceholders, waitInWords } from "./text";

const kratosTranslations = { de: kratosGerman, fr: kratosFrench, vi: kratosVietnamese };

describe("every language is complete", () => {
  it.each(Object.entries(kratosTranslations))("%s has a template for every Kratos id English has", (_, catalog) => {
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(kratosEnglish).sort());
    expect(translationMistakes(catalog)).toEqual([]);
  });

  it.each(locales)("%s has every one of our strings with English's placeholders", (locale) => {
    const english = allTexts.en;
    const texts = allTexts[locale];
    expect(Object.keys(texts).sort()).toEqual(Object.keys(english).sort());
    const mismatches = Object.entries(english).flatMap(([key, template]) => {
      const theirs = texts[key as keyof typeof english];
      const same = [...textPlaceholders(template)].sort().join() === [...textPlaceholders(theirs)].sort().join();
      return theirs.trim() === "" || !same ? [key] : [];
    });
    expect(mismatches).toEqual([]);
  });

  it("the check can fail: a missing key and a wrong placeholder are caught", () => {
    expect(translationMistakes({ 1010002: "Mit anmelden" })).not.toEqual([]);
    expect(textPlaceholders("{browser} auf {sytem}")).not.toEqual(textPlaceholders(allTexts.en["device.onSystem"]));
  });
});

describe("choosing the language", () => {
  it("reads Accept-Language by q-value, primary subtag only, skipping what we lack", () => {
    expect(negotiateLocale("de-AT,de;q=0.9,en;q=0.5")).toBe("de");
    expect(negotiateLocale("ja, fr-CA;q=0.8, vi;q=0.9")).toBe("vi");
    expect(negotiateLocale("en;q=0.2, fr;q=0.2")).toBe("en");
    expect(negotiateLocale("*, ja")).toBeUndefined();
    expect(negotiateLocale("de;q=0, fr;q=abc")).toBeUndefined();
    expect(negotiateLocale(undefined)).toBeUndefined();
  });

  it("prefers the identity's trait, then the cookie, then the browser", () => {
    expect(chooseLocale({ identityLocale: "fr", cookieLocale: "de", acceptLanguage: "vi" })).toEqual({
      locale: "fr",
      source: "identity",
    });
    expect(chooseLocale({ identityLocale: "xx", cookieLocale: "de", acceptLanguage: "vi" }).locale).toBe("de");
    expect(chooseLocale({ cookieLocale: "../../etc", acceptLanguage: "vi-VN" }).locale).toBe("vi");
    expect(chooseLocale({})).toEqual({ locale: "en", source: "default" });
  });
});

describe("localized text", () => {
  it("renders a Kratos message with its context in the chosen language", () => {
    const message = {
      id: 4000032,
      text: "The password must be at least 8 characters long, but got 3.",
      type: "error" as const,
      context: { min_length: 8, actual_length: 3 },
    };
    expect(localText(message, "de")).toBe("Das Passwort muss mindestens 8 Zeichen lang sein, es hat 3.");
    expect(localText(message, "en")).toBe(message.text);
  });

  it("translates the schema titles Kratos sends as labels, and leaves others alone", () => {
    const label = (title: string) => ({ id: 1070002, text: title, type: "info" as const, context: { title } });
    expect(localText(label("E-Mail"), "en")).toBe("Email");
    expect(localText(label("E-Mail"), "vi")).toBe("Email");
    expect(localText(label("First name"), "fr")).toBe("Prénom");
    expect(localText(label("Phone number"), "vi")).toBe("Số điện thoại");
    expect(localText(label("Favourite colour"), "de")).toBe("Favourite colour");
  });

  it("fills placeholders and words times in each language", () => {
    expect(fill(allTexts.de["device.onSystem"], { browser: "Chrome", system: "macOS" })).toBe("Chrome unter macOS");
    expect(waitInWords(250, "fr")).toBe("4 minutes 10 secondes");
    expect(waitInWords(61, "en")).toBe("1 minute 1 second");
    const now = new Date("2026-12-01T12:00:00Z");
    expect(relativeTime(new Date("2026-12-01T11:57:00Z"), now, "en")).toBe("3 minutes ago");
    expect(relativeTime(new Date("2026-12-02T12:00:00Z"), now, "de")).toBe("morgen");
  });
});
