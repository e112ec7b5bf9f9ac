/** The languages the UI is written in; the first is the fallback. */
export const locales = ["en", "vi", "de", "fr"] as const;

export type Locale = (typeof locales)[number];

export const defaultLocale: Locale = "en";

/** Each language's name in itself, for the language switcher. */
export const localeNames: Record<Locale, string> = {
  en: "English",
  vi: "Tiếng Việt",
  de: "Deutsch",
  fr: "Français",
};

/** The cookie the language switcher sets (app/locale/route.ts). */
export const localeCookieName = "ui_locale";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/**
 * The language a tag such as `de-AT` or `VI` names, if we have it. Only the
 * primary subtag counts: we write one German, one French.
 */
export function localeOfTag(tag: unknown): Locale | undefined {
  if (typeof tag !== "string") return undefined;
  const primary = tag.trim().split(/[-_]/)[0]!.toLowerCase();
  return isLocale(primary) ? primary : undefined;
}

/**
 * The best of our languages for an `Accept-Language` header: the highest
 * q-value wins, the earlier entry on a tie; `*` and unknown tags are skipped.
 * The header is attacker-controlled, so it is read with a length cap and
 * never throws.
 */
export function negotiateLocale(header: string | null | undefined): Locale | undefined {
  if (!header) return undefined;
  let best: { locale: Locale; q: number } | undefined;
  for (const part of header.slice(0, 1000).split(",").slice(0, 50)) {
    const [tag, ...params] = part.split(";");
    const locale = localeOfTag(tag);
    if (!locale) continue;
    const qParam = params.map((param) => param.trim()).find((param) => param.startsWith("q="));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    if (!best || q > best.q) best = { locale, q };
  }
  return best?.locale;
}

/**
 * Which language to use: the signed-in identity's `locale` trait, else the
 * switcher's cookie, else the browser's `Accept-Language`, else English.
 */
export function chooseLocale(choices: {
  identityLocale?: unknown;
  cookieLocale?: unknown;
  acceptLanguage?: string | null;
}): { locale: Locale; source: "identity" | "cookie" | "browser" | "default" } {
  const fromIdentity = localeOfTag(choices.identityLocale);
  if (fromIdentity) return { locale: fromIdentity, source: "identity" };
  if (isLocale(choices.cookieLocale)) return { locale: choices.cookieLocale, source: "cookie" };
  const fromBrowser = negotiateLocale(choices.acceptLanguage);
  if (fromBrowser) return { locale: fromBrowser, source: "browser" };
  return { locale: defaultLocale, source: "default" };
}

/** The value of one cookie in a Cookie header, undecoded; undefined when absent. */
export function cookieValue(cookieHeader: string | null | undefined, name: string): string | undefined {
  for (const pair of (cookieHeader ?? "").split(";")) {
    const index = pair.indexOf("=");
    if (index > 0 && pair.slice(0, index).trim() === name) return pair.slice(index + 1).trim();
  }
  return undefined;
}

/** The language for a request without asking Kratos: the switcher's cookie, else Accept-Language. */
export function localeOfHeaders(requestHeaders: { get(name: string): string | null }): Locale {
  return chooseLocale({
    cookieLocale: cookieValue(requestHeaders.get("cookie"), localeCookieName),
    acceptLanguage: requestHeaders.get("accept-language"),
  }).locale;
}
