import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { requestSession } from "../kratos/request-session";
import { chooseLocale, cookieValue, localeCookieName, type Locale } from "./locales";

/**
 * This request's language: the signed-in identity's `locale` trait, else the
 * switcher's cookie, else Accept-Language. Cached per request, so the layout
 * and the page ask Kratos at most once; Kratos not answering only costs the trait.
 */
export const requestLocale = cache(async (): Promise<{ locale: Locale; fromIdentity: boolean }> => {
  const requestHeaders = await headers();
  const session = await requestSession();
  const identityLocale =
    session.kind === "active"
      ? (session.session.identity?.traits as { locale?: unknown } | undefined)?.locale
      : undefined;
  const chosen = chooseLocale({
    identityLocale,
    cookieLocale: cookieValue(requestHeaders.get("cookie"), localeCookieName),
    acceptLanguage: requestHeaders.get("accept-language"),
  });
  return { locale: chosen.locale, fromIdentity: chosen.source === "identity" };
});
