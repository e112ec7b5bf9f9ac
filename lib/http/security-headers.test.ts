import { describe, expect, it } from "vitest";
import { applySecurityHeaders, contentSecurityPolicy, createNonce, permissionsPolicy } from "./security-headers";

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((directive) => {
      const [name = "", ...values] = directive.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

// Next takes the nonce from the request's CSP header with this pattern
// (next/dist/server/app-render/get-script-nonce-from-header.js).
const nextNoncePattern = /^'nonce-([A-Za-z0-9+/_-]+={0,2})'$/;

const production = { development: false, formActionOrigins: ["http://localhost:4433"], https: true };

describe("createNonce", () => {
  it("is 128 random bits in base64, different every time, in the form Next extracts", () => {
    const nonces = new Set(Array.from({ length: 100 }, () => createNonce()));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) {
      expect(atob(nonce)).toHaveLength(16);
      expect(`'nonce-${nonce}'`).toMatch(nextNoncePattern);
    }
  });
});

describe("contentSecurityPolicy in production", () => {
  const policy = directives(contentSecurityPolicy({ ...production, nonce: "abc123==" }));

  it("runs only scripts with this response's nonce, and what they load", () => {
    const scripts = policy.get("script-src")!;
    expect(scripts).toContain("'nonce-abc123=='");
    expect(scripts).toContain("'strict-dynamic'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(scripts.find((source) => nextNoncePattern.test(source))).toBe("'nonce-abc123=='");
  });

  it("allows inline styles only with the nonce", () => {
    expect(policy.get("style-src")).toEqual(["'self'", "'nonce-abc123=='"]);
  });

  it("closes plugins, <base>, framing and foreign images", () => {
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("img-src")).toEqual(["'self'", "data:"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
  });

  it("lets forms reach our relay and the origins its redirects may lead to", () => {
    expect(policy.get("form-action")).toEqual(["'self'", "http://localhost:4433"]);
  });

  it("upgrades insecure requests over https only", () => {
    expect(policy.has("upgrade-insecure-requests")).toBe(true);
    const overHttp = directives(contentSecurityPolicy({ ...production, https: false, nonce: "n" }));
    expect(overHttp.has("upgrade-insecure-requests")).toBe(false);
  });
});

describe("contentSecurityPolicy under next dev", () => {
  const policy = directives(contentSecurityPolicy({ ...production, development: true, nonce: "n0nce" }));

  it("adds 'unsafe-eval' for React's dev tooling, still no inline scripts", () => {
    expect(policy.get("script-src")).toEqual(["'nonce-n0nce'", "'strict-dynamic'", "'self'", "'unsafe-eval'"]);
  });

  it("allows the dev overlay's inline styles", () => {
    expect(policy.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });
});

describe("permissionsPolicy", () => {
  it("turns off what we never use and keeps WebAuthn for our own origin only", () => {
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"])
      expect(permissionsPolicy).toContain(`${feature}=()`);
    expect(permissionsPolicy).toContain("publickey-credentials-get=(self)");
    expect(permissionsPolicy).toContain("publickey-credentials-create=(self)");
  });
});

describe("applySecurityHeaders", () => {
  it("sets every header, HSTS over https only, no-store when asked", () => {
    const https = new Headers();
    applySecurityHeaders(https, { contentSecurityPolicy: "default-src 'self'", https: true, noStore: true });
    expect(Object.fromEntries(https)).toEqual({
      "content-security-policy": "default-src 'self'",
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      "cross-origin-opener-policy": "same-origin",
      "permissions-policy": permissionsPolicy,
      "strict-transport-security": "max-age=63072000",
      "cache-control": "no-store",
    });

    const http = new Headers({ "Cache-Control": "public, max-age=300" });
    applySecurityHeaders(http, { contentSecurityPolicy: "default-src 'self'", https: false, noStore: false });
    expect(http.has("strict-transport-security")).toBe(false);
    expect(http.get("cache-control")).toBe("public, max-age=300");
  });
});
