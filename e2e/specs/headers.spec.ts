import { waitForWebAuthn } from "../fixtures/virtual-authenticator";
import { expect, test } from "../fixtures/test";
import { kratosPublicUrl, localOidcUrl } from "../stack";
import { cspDirectives, isCspViolation, scriptNonce, scriptTags } from "../steps/guard-steps";

// 'unsafe-eval' (next dev only) and the production style-src are asserted in
// lib/http/security-headers.test.ts: this suite may run against either server.
for (const path of ["/", "/login"]) {
  test(`${path} carries a nonce-based CSP and the other security headers`, async ({ page }) => {
    const response = (await page.goto(path))!;
    const headers = response.headers();
    const policy = headers["content-security-policy"]!;
    const csp = cspDirectives(policy);

    const nonce = scriptNonce(policy);
    expect(nonce, "script-src has a nonce").toBeTruthy();
    expect(csp.get("script-src")).toContain("'strict-dynamic'");
    expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("img-src")).toEqual(["'self'", "data:"]);
    // Our relay, and where the relay's 303 may lead: Kratos (e.g. the second factor)
    // and the main stack's local OpenID provider (after a provider button).
    expect(csp.get("form-action")).toEqual(["'self'", kratosPublicUrl, localOidcUrl]);

    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    expect(headers["permissions-policy"]).toContain("camera=()");
    expect(headers["permissions-policy"]).toContain("publickey-credentials-get=(self)");
    expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
    expect(headers["cache-control"]).toContain("no-store");
    // The e2e stack is plain http, where HSTS does not belong.
    expect(headers["strict-transport-security"]).toBeUndefined();

    // Next applied the header's nonce to every script it rendered, and so did we.
    const tags = scriptTags(await response.text());
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
  });
}

test("every response gets a fresh nonce", async ({ request }) => {
  const nonces = new Set<string | undefined>();
  for (let i = 0; i < 3; i++) {
    const response = await request.get("/");
    nonces.add(scriptNonce(response.headers()["content-security-policy"]!));
  }
  expect(nonces.size).toBe(3);
  expect(nonces.has(undefined)).toBe(false);
});

test("the guard's own redirect carries the security headers too", async ({ request }) => {
  const response = await request.get("/settings", { maxRedirects: 0 });
  expect(response.status()).toBe(303);
  expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response.headers()["cache-control"]).toBe("no-store");
});

test.describe("with JavaScript", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "hydration needs JavaScript");

  test("the login page hydrates under the policy, and Kratos's WebAuthn script loads and starts passkey autofill", async ({
    page,
  }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (isCspViolation(message.text())) violations.push(message.text());
    });
    // The load event waits for every script, so a blocked one has been reported by then.
    await page.goto("/login");
    expect(violations).toEqual([]);
    // Set by public/enhance.js on load, once Kratos's WebAuthn script (relayed from our origin,
    // with the nonce) has run and enhance.js has started its onload triggers (passkey autofill).
    await waitForWebAuthn(page);
  });
});

test.describe("without JavaScript", () => {
  test.skip(({ javaScriptEnabled }) => javaScriptEnabled, "only meaningful without JavaScript");

  test("the layout's noscript style is allowed: passkey buttons stay hidden", async ({ page }) => {
    await page.goto("/login");
    const jsOnly = page.locator("[data-js-only]");
    expect(await jsOnly.count()).toBeGreaterThan(0);
    for (const element of await jsOnly.all()) await expect(element).toBeHidden();
  });
});
