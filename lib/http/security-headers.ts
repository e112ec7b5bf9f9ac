// Security headers for every response the proxy sees. Web APIs only (crypto,
// btoa, Headers), so it runs unchanged on Node and on the edge runtime.

/** A fresh, unguessable CSP nonce: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export type CspOptions = {
  /** This response's nonce; Next reads it back from the request's CSP header. */
  nonce: string;
  /** `next dev` evaluates code (React's server error stacks) and injects unnonced styles (its overlay). */
  development: boolean;
  /**
   * Origins a form submission may be redirected to. Form posts go to our relay,
   * but its 303 can lead to Kratos (second factor, refresh), to an allowed
   * return_to origin or to an OIDC provider, and browsers check form-action on
   * every redirect hop.
   */
  formActionOrigins: readonly string[];
  /** Served over https: subresources on http are upgraded instead of loaded in the clear. */
  https: boolean;
};

/** The Content-Security-Policy of a page: nonce-based scripts, nothing else from elsewhere. */
export function contentSecurityPolicy({ nonce, development, formActionOrigins, https }: CspOptions): string {
  const directives: string[][] = [
    ["default-src", "'self'"],
    // Only scripts carrying the nonce run; 'strict-dynamic' lets them load their own
    // chunks. 'self' is a fallback for browsers without CSP3, ignored by the others.
    ["script-src", `'nonce-${nonce}'`, "'strict-dynamic'", "'self'", ...(development ? ["'unsafe-eval'"] : [])],
    // The layout's <noscript><style> carries the nonce; no other inline style exists.
    ["style-src", "'self'", development ? "'unsafe-inline'" : `'nonce-${nonce}'`],
    // The TOTP QR code is a data: URL.
    ["img-src", "'self'", "data:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'", ...formActionOrigins],
    ["frame-ancestors", "'none'"],
  ];
  if (https) directives.push(["upgrade-insecure-requests"]);
  return directives.map((directive) => directive.join(" ")).join("; ");
}

/**
 * Browser features no page of ours uses are off for us and anything we embed;
 * WebAuthn (passkeys, security keys) stays on for our own origin, because the
 * login and settings pages call navigator.credentials.get() and .create().
 */
export const permissionsPolicy = [
  ...[
    "accelerometer",
    "autoplay",
    "bluetooth",
    "browsing-topics",
    "camera",
    "display-capture",
    "encrypted-media",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
  ].map((feature) => `${feature}=()`),
  "publickey-credentials-get=(self)",
  "publickey-credentials-create=(self)",
].join(", ");

export type SecurityHeaderOptions = {
  contentSecurityPolicy: string;
  https: boolean;
  /** Pages hold CSRF tokens, flow state and account data: never stored by a cache. */
  noStore: boolean;
};

/** Sets the security headers on a response's headers. */
export function applySecurityHeaders(headers: Headers, options: SecurityHeaderOptions): void {
  headers.set("Content-Security-Policy", options.contentSecurityPolicy);
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "no-referrer");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  headers.set("Permissions-Policy", permissionsPolicy);
  // Only over https (over http browsers ignore it). No includeSubDomains: the app may
  // sit on a parent domain whose other hosts are not ours to pin.
  if (options.https) headers.set("Strict-Transport-Security", "max-age=63072000");
  if (options.noStore) headers.set("Cache-Control", "no-store");
}
