import { describe, expect, it } from "vitest";
import { defaultRateLimits, EnvError, parseRateLimitSettings, type RateLimitSettings } from "../config/env";
import { attemptTarget, checkRateLimit, clientAddress, MemoryRateLimitStore } from "./rate-limit";

const settings: RateLimitSettings = {
  perClient: { max: 3, windowMs: 60_000 },
  perIdentifier: { max: 2, windowMs: 300_000 },
  trustedProxies: 0,
};

function attempt(form: Record<string, string>, forwardedFor = "203.0.113.7", cookie: string | null = null) {
  return { scope: "login", forwardedFor, cookie, form: new URLSearchParams(form), bySession: true };
}

describe("parseRateLimitSettings", () => {
  it("limits 60 attempts a minute per client and 10 per 5 minutes per identifier by default", () => {
    expect(parseRateLimitSettings({})).toEqual({ ...defaultRateLimits, trustedProxies: 0 });
    expect(defaultRateLimits.perClient).toEqual({ max: 60, windowMs: 60_000 });
    expect(defaultRateLimits.perIdentifier).toEqual({ max: 10, windowMs: 300_000 });
  });

  it("reads attempts per window in seconds, minutes or hours, and off", () => {
    expect(
      parseRateLimitSettings({
        RATE_LIMIT_PER_CLIENT: "100/30s",
        RATE_LIMIT_PER_IDENTIFIER: "5/h",
        TRUSTED_PROXIES: "2",
      }),
    ).toEqual({
      perClient: { max: 100, windowMs: 30_000 },
      perIdentifier: { max: 5, windowMs: 3_600_000 },
      trustedProxies: 2,
    });
    expect(parseRateLimitSettings({ RATE_LIMIT_PER_CLIENT: "off" }).perClient).toBeUndefined();
  });

  it("names every malformed value", () => {
    let error: unknown;
    try {
      parseRateLimitSettings({
        RATE_LIMIT_PER_CLIENT: "lots",
        RATE_LIMIT_PER_IDENTIFIER: "0/1m",
        TRUSTED_PROXIES: "-1",
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    const problems = (error as EnvError).problems;
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain("RATE_LIMIT_PER_CLIENT");
    expect(problems[1]).toContain("RATE_LIMIT_PER_IDENTIFIER");
    expect(problems[2]).toContain("TRUSTED_PROXIES");
  });

  it("refuses windows shorter than a second or longer than a day", () => {
    expect(() => parseRateLimitSettings({ RATE_LIMIT_PER_CLIENT: "5/0s" })).toThrow(EnvError);
    expect(() => parseRateLimitSettings({ RATE_LIMIT_PER_CLIENT: "5/25h" })).toThrow(EnvError);
  });
});

describe("clientAddress", () => {
  it("takes the address Next or the nearest proxy put last", () => {
    expect(clientAddress("198.51.100.1", 0)).toBe("198.51.100.1");
    expect(clientAddress("1.1.1.1, 198.51.100.1", 1)).toBe("198.51.100.1");
  });

  it("skips the entries that trusted proxies appended for each other", () => {
    expect(clientAddress("6.6.6.6, 198.51.100.1, 10.0.0.2", 2)).toBe("198.51.100.1");
  });

  it("never reads further left than the header goes", () => {
    expect(clientAddress("198.51.100.1", 3)).toBe("198.51.100.1");
    expect(clientAddress(null, 1)).toBe("unknown");
  });
});

describe("attemptTarget", () => {
  const bySession = { bySession: true };

  it("is the identifier typed, whatever its case or spaces", () => {
    const login = attemptTarget(new URLSearchParams({ identifier: " Ada@Example.com " }), null, bySession);
    expect(login).toBe(attemptTarget(new URLSearchParams({ "traits.email": "ada@example.com" }), null, bySession));
    expect(login).toBe(attemptTarget(new URLSearchParams({ email: "ADA@example.com" }), null, bySession));
    expect(login).not.toBe(attemptTarget(new URLSearchParams({ identifier: "bob@example.com" }), null, bySession));
  });

  it("never holds the identifier or the session token in clear", () => {
    const target = attemptTarget(new URLSearchParams({ identifier: "ada@example.com" }), null, bySession);
    expect(target).not.toContain("ada");
    const session = attemptTarget(
      new URLSearchParams({ totp_code: "123456" }),
      "a=1; ory_kratos_session=MTc0+abc=; b=2",
      bySession,
    );
    expect(session).toMatch(/^session:/);
    expect(session).not.toContain("MTc0");
  });

  it("is the session for forms without an identifier, and nothing without either", () => {
    const form = new URLSearchParams({ totp_code: "123456" });
    expect(attemptTarget(form, "ory_kratos_session=one", bySession)).not.toBe(
      attemptTarget(form, "ory_kratos_session=two", bySession),
    );
    expect(attemptTarget(form, "csrf_token_abc=x", bySession)).toBeUndefined();
    expect(attemptTarget(form, "ory_kratos_session=one", { bySession: false })).toBeUndefined();
    expect(attemptTarget(form, "id_session=one", { bySession: true, cookieName: "id_session" })).toMatch(/^session:/);
  });
});

describe("checkRateLimit", () => {
  it("refuses the attempt after the identifier's budget, with the seconds left in its window", async () => {
    const store = new MemoryRateLimitStore();
    const now = 1_000_000;
    const form = { identifier: "ada@example.com", password: "wrong" };
    expect(await checkRateLimit(attempt(form), settings, store, now)).toEqual({ allowed: true });
    expect(await checkRateLimit(attempt(form, "203.0.113.8"), settings, store, now + 1_000)).toEqual({ allowed: true });
    // A third attempt at the same account from yet another address is refused.
    expect(await checkRateLimit(attempt(form, "203.0.113.9"), settings, store, now + 60_000)).toEqual({
      allowed: false,
      retryAfterSeconds: 240,
    });
    // Another account from the first address is still allowed.
    expect(await checkRateLimit(attempt({ identifier: "bob@example.com" }), settings, store, now + 60_000)).toEqual({
      allowed: true,
    });
  });

  it("refuses a client address after its budget, whatever accounts it tries", async () => {
    const store = new MemoryRateLimitStore();
    const now = 2_000_000;
    for (const name of ["a", "b", "c"]) {
      expect(await checkRateLimit(attempt({ identifier: `${name}@example.com` }), settings, store, now)).toEqual({
        allowed: true,
      });
    }
    expect(await checkRateLimit(attempt({ identifier: "d@example.com" }), settings, store, now + 59_500)).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
    // The window ends: a new one starts with a full budget.
    expect(await checkRateLimit(attempt({ identifier: "d@example.com" }), settings, store, now + 60_000)).toEqual({
      allowed: true,
    });
  });

  it("keeps a budget per endpoint", async () => {
    const store = new MemoryRateLimitStore();
    const form = new URLSearchParams({ identifier: "ada@example.com" });
    for (let i = 0; i < 2; i++)
      await checkRateLimit(
        { scope: "login", forwardedFor: "x", cookie: null, form, bySession: true },
        settings,
        store,
        0,
      );
    const recovery = await checkRateLimit(
      { scope: "recovery", forwardedFor: "x", cookie: null, form, bySession: false },
      settings,
      store,
      0,
    );
    expect(recovery).toEqual({ allowed: true });
  });

  it("counts nothing when both limits are off", async () => {
    const store = new MemoryRateLimitStore();
    const off: RateLimitSettings = { trustedProxies: 0 };
    for (let i = 0; i < 5; i++) {
      expect(await checkRateLimit(attempt({ identifier: "ada@example.com" }), off, store, 0)).toEqual({
        allowed: true,
      });
    }
    expect(store.size).toBe(0);
  });
});

describe("MemoryRateLimitStore", () => {
  it("stays within its size by dropping ended windows, then the oldest", async () => {
    const store = new MemoryRateLimitStore(3);
    await store.hit("a", 1_000, 0);
    await store.hit("b", 10_000, 0);
    await store.hit("c", 10_000, 0);
    // "a" has ended by now and is swept to make room.
    await store.hit("d", 10_000, 2_000);
    expect(store.size).toBe(3);
    expect(await store.hit("b", 10_000, 2_000)).toEqual({ count: 2, resetAt: 10_000 });
    // Nothing has ended: the oldest ("b" was inserted first among those left) goes.
    await store.hit("e", 10_000, 3_000);
    expect(store.size).toBe(3);
    expect(await store.hit("c", 10_000, 3_000)).toEqual({ count: 2, resetAt: 10_000 });
  });
});
