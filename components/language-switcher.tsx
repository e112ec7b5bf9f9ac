import { localeNames, locales, type Locale } from "@/lib/i18n/locales";

type Props = { locale: Locale; returnTo: string; label: string };

/**
 * One submit button per language in a plain form: it works without
 * JavaScript, and app/locale/route.ts remembers the choice in a cookie.
 */
export function LanguageSwitcher({ locale, returnTo, label }: Props) {
  return (
    <form method="post" action="/locale" aria-label={label} data-testid="language-switcher">
      <input type="hidden" name="return_to" value={returnTo} />
      <ul className="flex flex-wrap items-center justify-center gap-x-4 gap-y-2 text-sm">
        {locales.map((option) => (
          <li key={option}>
            <button
              type="submit"
              name="locale"
              value={option}
              lang={option}
              {...(option === locale ? { "aria-current": "true" as const } : {})}
              data-testid={`language/${option}`}
              className="lang-option"
            >
              {localeNames[option]}
            </button>
          </li>
        ))}
      </ul>
    </form>
  );
}
