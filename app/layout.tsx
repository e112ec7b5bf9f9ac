import type { Metadata } from "next";
import { headers } from "next/headers";
import { env } from "@/lib/config/env";
import { safeReturnPath } from "@/lib/i18n/locale-switch";
import { requestLocale } from "@/lib/i18n/request-locale";
import { localeNames } from "@/lib/i18n/locales";
import { fill, textsFor } from "@/lib/i18n/text";
import "./globals.css";

export function generateMetadata(): Metadata {
  const { brand } = env();
  return {
    title: brand.name,
    robots: { index: false, follow: false },
    icons: { icon: brand.faviconPath },
  };
}

/** The configured brand colours as CSS variables (app/globals.css); env.ts only lets `#rrggbb` through. */
function brandStyle(primary: string | undefined, primaryDark: string | undefined): string {
  const rules: string[] = [];
  if (primary) {
    rules.push(`:root{--brand-primary:${primary};--brand-primary-hover:color-mix(in srgb,${primary} 85%,black)}`);
  }
  if (primaryDark) {
    rules.push(
      `:root{--brand-primary-dark:${primaryDark};--brand-primary-dark-hover:color-mix(in srgb,${primaryDark} 85%,white)}`,
    );
  }
  return rules.join("");
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The CSP allows inline styles only with this request's nonce (proxy.ts). Reading it
  // also renders every page per request, so each one gets a fresh nonce.
  const requestHeaders = await headers();
  const nonce = requestHeaders.get("x-nonce") ?? undefined;
  const { locale, fromIdentity } = await requestLocale();
  const t = textsFor(locale);
  const { brand } = env();
  const style = brandStyle(brand.primaryColor, brand.primaryColorDark);
  const returnTo = safeReturnPath(requestHeaders.get("x-request-path"));
  return (
    <html lang={locale}>
      <head>
        {style ? <style nonce={nonce}>{style}</style> : null}
        {/* Pending state, one post per form, "show password": forms work without it (public/enhance.js). */}
        <script src="/enhance.js" nonce={nonce} defer />
        <noscript>
          {/* Passkey and security-key buttons need JavaScript; without it they are not offered. */}
          <style nonce={nonce}>{"[data-js-only]{display:none}"}</style>
        </noscript>
      </head>
      {/* Class lists live in app/globals.css: every class name here is also in /login's RSC payload (the JS budget). */}
      <body>
        <a href="#main" className="skip-link">
          {t["skip.main"]}
        </a>
        <header>
          <a href="/" className="brand">
            {brand.logoPath ? (
              // eslint-disable-next-line @next/next/no-img-element -- a configured file in public/, any size or format.
              <img src={brand.logoPath} alt="" className="h-8 w-auto" />
            ) : null}
            <span data-testid="brand-name">{brand.name}</span>
          </a>
        </header>
        <main id="main">{children}</main>
        <footer>
          {/* A signed-in user's language is their profile's; the switcher would not win over it. It is a page
              of its own (app/language), not four buttons here: every page's RSC payload counts against /login's budget. */}
          {fromIdentity || returnTo.startsWith("/language") ? null : (
            <a
              href={`/language?return_to=${encodeURIComponent(returnTo)}`}
              data-testid="language-link"
              className="link"
            >
              {fill(t["language.current"], { language: localeNames[locale] })}
            </a>
          )}
        </footer>
      </body>
    </html>
  );
}
