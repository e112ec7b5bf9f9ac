// Standalone pages that route handlers and the proxy answer with when no React
// page can render: Kratos is not answering (503), too many attempts (429).
// Plain HTML with one nonce'd style, readable without JavaScript.
import { defaultLocale, type Locale } from "../i18n/locales";
import { fill, textsFor, waitInWords as localWaitInWords } from "../i18n/text";

export type StatusPage = {
  status: 429 | 503;
  title: string;
  message: string;
  retryAfterSeconds: number;
  /** Where "try again" leads: a path on this app. */
  retryPath: string;
  /** The request's CSP nonce (x-nonce), for the inline style. */
  nonce?: string;
  /** The language of the page (lib/i18n/request-locale.ts `localeOfHeaders`). */
  locale?: Locale;
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

// Any origin works as the base: only whether the result stays on it matters.
const probeOrigin = "http://app.invalid";

/**
 * Only a path on this app is linked: never another origin or a scheme. Browsers
 * drop tabs and newlines from a URL and read `\\` as `/`, so `/<TAB>/evil.example`
 * would become `//evil.example`: any control character, space or backslash is
 * refused outright, and what is left must resolve (WHATWG URL parsing, as the
 * browser does) to our own origin.
 */
export function safeRetryPath(path: string | null | undefined, fallback = "/"): string {
  if (!path || !path.startsWith("/") || /[\u0000-\u0020\u007f-\u009f\\]/.test(path)) return fallback;
  if (!URL.canParse(path, probeOrigin) || new URL(path, probeOrigin).origin !== probeOrigin) return fallback;
  return path;
}

/** "4 minutes 10 seconds": how long to wait, in words. */
export function waitInWords(seconds: number, locale: Locale = defaultLocale): string {
  return localWaitInWords(seconds, locale);
}

/** The page as a Response, with Retry-After and no caching. */
export function statusPageResponse(page: StatusPage): Response {
  const locale = page.locale ?? defaultLocale;
  const nonceAttribute = page.nonce ? ` nonce="${escapeHtml(page.nonce)}"` : "";
  const html = `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(page.title)}</title>
<style${nonceAttribute}>:root{color-scheme:light dark}body{font-family:system-ui,sans-serif;background:#f1f5f9;color:#0f172a;margin:0;padding:3rem 1rem}section{max-width:28rem;margin:0 auto;background:#fff;border:1px solid #cbd5e1;border-radius:.75rem;padding:2rem}a{color:#4338ca}@media (prefers-color-scheme:dark){body{background:#020617;color:#f1f5f9}section{background:#0f172a;border-color:#334155}a{color:#a5b4fc}}</style>
</head>
<body>
<main><section>
<h1>${escapeHtml(page.title)}</h1>
<p data-testid="ui/error/message">${escapeHtml(page.message)}</p>
<p><a href="${escapeHtml(safeRetryPath(page.retryPath))}" data-testid="retry-link">${escapeHtml(textsFor(locale)["status.tryAgain"])}</a></p>
</section></main>
</body>
</html>
`;
  return new Response(html, {
    status: page.status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Retry-After": String(page.retryAfterSeconds),
      "Cache-Control": "no-store",
    },
  });
}

/** Seconds a browser is asked to wait before retrying when Kratos is not answering. */
export const unavailableRetryAfterSeconds = 10;

/** Kratos did not answer: 503, "try again" leads back to `retryPath`. */
export function unavailableResponse(retryPath: string, nonce?: string, locale: Locale = defaultLocale): Response {
  const t = textsFor(locale);
  return statusPageResponse({
    status: 503,
    title: t["error.unavailable.title"],
    message: t["error.unavailable.detail"],
    locale,
    retryAfterSeconds: unavailableRetryAfterSeconds,
    retryPath,
    nonce,
  });
}

/** Too many attempts: 429 saying how long to wait. */
export function tooManyAttemptsResponse(
  retryAfterSeconds: number,
  retryPath: string,
  nonce?: string,
  locale: Locale = defaultLocale,
): Response {
  const t = textsFor(locale);
  return statusPageResponse({
    status: 429,
    title: t["status.tooMany.title"],
    message: fill(t["status.tooMany.detail"], { wait: waitInWords(retryAfterSeconds, locale) }),
    locale,
    retryAfterSeconds,
    retryPath,
    nonce,
  });
}
