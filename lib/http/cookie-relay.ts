/**
 * Copies each upstream Set-Cookie header onto `headers` exactly as Kratos sent
 * it. Kratos's cookie values are base64 (`=`, `+`, `/`) and Go does not
 * URL-decode cookies, so re-serialising them (as Next's cookies().set() does,
 * percent-encoding the value) would corrupt them. See ARCHITECTURE.md.
 */
export function relaySetCookies(headers: Headers, setCookies: readonly string[]): void {
  for (const setCookie of setCookies) headers.append("Set-Cookie", setCookie);
}

/** A 303 to `location` that carries Kratos's Set-Cookie headers untouched. */
export function seeOther(location: string, setCookies: readonly string[] = []): Response {
  const headers = new Headers({ Location: location, "Cache-Control": "no-store" });
  relaySetCookies(headers, setCookies);
  return new Response(null, { status: 303, headers });
}
