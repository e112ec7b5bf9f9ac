import { localeNames, locales, type Locale } from "@/lib/i18n/locales";

type Props = { locale: Locale; returnTo: string; label: string };

/**
 * One submit button per language in a plain form: it works without
 * JavaScript, and app/locale/route.ts remembers the choice in a cookie.
 */
export function LanguageSwitcher({ locale, returnTo, label }: Props) {
  return (
    // No list and no per-button classes: this is on every page's RSC payload (app/globals.css styles it).
    <form method="post" action="/locale" aria-label={label} data-testid="language-switcher" className="lang-switcher">
      <input type="hidden" name="return_to" value={returnTo} />
      {locales.map((option) => (
        <button
          key={option}
          name="locale"
          value={option}
          lang={option}
          {...(option === locale ? { "aria-current": "true" as const } : {})}
        >
          {localeNames[option]}
        </button>
      ))}
    </form>
  );
}
