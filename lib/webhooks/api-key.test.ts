import { describe, expect, it } from "vitest";
import { isWebhookKey } from "./api-key";
import { addressedToPublicName, hookIdentityOf } from "./handlers";

describe("the web hooks' key", () => {
  const key = "k".repeat(64);
  it("accepts only the configured key", () => {
    expect(isWebhookKey(key, key)).toBe(true);
    expect(isWebhookKey(`${key}x`, key)).toBe(false);
    expect(isWebhookKey("k", key)).toBe(false);
    expect(isWebhookKey(null, key)).toBe(false);
  });
  it("refuses everything when no key is configured", () => {
    expect(isWebhookKey("", undefined)).toBe(false);
    expect(isWebhookKey("anything", undefined)).toBe(false);
  });
  it("reads the identity from the hook body and refuses one without a Kratos id", () => {
    const id = "8a6f2a4e-1c7b-4a51-9f4e-3b2d1c0e9f8a";
    expect(
      hookIdentityOf({ identity: { id, traits: { email: "a@b.c" }, verifiable_addresses: [{ verified: true }] } }),
    ).toEqual({ id, email: "a@b.c", verified: true });
    expect(hookIdentityOf({ identity: { id: "1 OR 1=1" } })).toBeUndefined();
    expect(hookIdentityOf(null)).toBeUndefined();
  });
});

describe("where the web hooks answer", () => {
  const appUrl = new URL("https://auth.example.com");
  const headers = (entries: Record<string, string>) => new Headers(entries);
  it("refuses a hook addressed to the public name, by Host or by a proxy's X-Forwarded-Host", () => {
    expect(addressedToPublicName(headers({ host: "auth.example.com" }), appUrl)).toBe(true);
    expect(addressedToPublicName(headers({ host: "AUTH.example.com" }), appUrl)).toBe(true);
    expect(
      addressedToPublicName(headers({ host: "10.0.0.7:3000", "x-forwarded-host": "auth.example.com" }), appUrl),
    ).toBe(true);
  });
  it("answers Kratos at the internal address", () => {
    expect(addressedToPublicName(headers({ host: "selfservice-ui:3000" }), appUrl)).toBe(false);
    expect(addressedToPublicName(headers({ host: "127.0.0.1:3000" }), new URL("http://localhost:3000"))).toBe(false);
  });
});
