/**
 * Whether `returnTo` may be followed after a flow: a same-app path, or an
 * absolute http(s) URL on one of the allowed origins. Anything else (other
 * hosts, `//evil`, `javascript:`, backslash tricks) is refused.
 */
export function isSafeReturnTo(returnTo: string, appUrl: URL, allowedOrigins: readonly string[] = []): boolean {
  if (!returnTo || /[\u0000-\u001f\\]/.test(returnTo)) return false;
  let target: URL;
  try {
    target = new URL(returnTo, appUrl);
  } catch {
    return false;
  }
  if (target.protocol !== "http:" && target.protocol !== "https:") return false;
  return target.origin === appUrl.origin || allowedOrigins.includes(target.origin);
}

/** `returnTo` when it is safe, otherwise undefined. */
export function safeReturnTo(
  returnTo: string | null | undefined,
  appUrl: URL,
  allowedOrigins: readonly string[] = [],
): string | undefined {
  if (!returnTo) return undefined;
  return isSafeReturnTo(returnTo, appUrl, allowedOrigins) ? new URL(returnTo, appUrl).toString() : undefined;
}
