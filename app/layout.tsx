import type { Metadata } from "next";
import { headers } from "next/headers";
import { LanguageSwitcher } from "@/components/language-switcher";
import { env } from "@/lib/config/env";
import { safeReturnPath } from "@/lib/i18n/locale-switch";
import { requestLocale } from "@/lib/i18n/request-locale";
import { textsFor } from "@/lib/i18n/text";
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
      <body className="min-h-screen px-4 py-8 antialiased">
        <a
          href="#main"
          className="bg-surface sr-only rounded px-3 py-2 focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
        >
          {t["skip.main"]}
        </a>
        <header className="mx-auto mb-8 flex max-w-4xl items-center justify-center gap-3">
          <a href="/" className="text-ink flex items-center gap-3 text-lg font-semibold no-underline">
            {brand.logoPath ? (
              // eslint-disable-next-line @next/next/no-img-element -- a configured file in public/, any size or format.
              <img src={brand.logoPath} alt="" className="h-8 w-auto" />
            ) : null}
            <span data-testid="brand-name">{brand.name}</span>
          </a>
        </header>
        <main id="main">{children}</main>
        <footer className="mx-auto mt-10 max-w-4xl">
          {/* A signed-in user's language is their profile's; the switcher would not win over it. */}
          {fromIdentity ? null : (
            <LanguageSwitcher
              locale={locale}
              returnTo={safeReturnPath(requestHeaders.get("x-request-path"))}
              label={t["language.label"]}
            />
          )}
        </footer>
      </body>
    </html>
  );
}
