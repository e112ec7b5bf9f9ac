import { isLocale, localeCookieName, type Locale } from "./locales";

/** A year: the choice is a preference, not a secret. */
const maxAgeSeconds = 365 * 24 * 3600;

/**
 * Where the switcher sends the browser back to: a path on this app, never
 * another origin (`//evil`, `/\evil`), a scheme, or a header-breaking character.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== "string" || value.length > 2000) return "/";
  if (!value.startsWith("/") || value.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(value)) return "/";
  return value;
}

/** The Set-Cookie header that remembers the chosen language. */
export function localeCookie(locale: Locale, secure: boolean): string {
  return `${localeCookieName}=${locale}; Path=/; Max-Age=${maxAgeSeconds}; SameSite=Lax; HttpOnly${secure ? "; Secure" : ""}`;
}

/** What a switcher post asks for: the language (when it is one of ours) and where to go back. */
export function readLocaleSwitch(form: URLSearchParams): { locale: Locale | undefined; returnTo: string } {
  const locale = form.get("locale");
  return { locale: isLocale(locale) ? locale : undefined, returnTo: safeReturnPath(form.get("return_to")) };
}
