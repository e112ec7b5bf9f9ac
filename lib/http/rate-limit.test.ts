import { describe, expect, it } from "vitest";
import { defaultRateLimits, EnvError, parseRateLimitSettings, type RateLimitSettings } from "../config/env";
import type { FlowKind } from "../flows/load-flow";
import { checkRateLimit, clientAddress, MemoryRateLimitStore, waitMs, type RateLimitDecision } from "./rate-limit";

const settings: RateLimitSettings = {
  perClient: { max: 50, windowMs: 60_000 },
  perIdentifier: { max: 3, windowMs: 300_000 },
  perAccount: { max: 5, windowMs: 3_600_000 },
  trustedProxies: 0,
  maxKeys: 10_000,
};

// Kratos's answers, shaped as recorded from Kratos v1.3.1: a login flow with
// "invalid credentials" (4000006), a recovery flow with "code sent" (1060003),
// the 404 of a made-up flow, the 403 of a CSRF failure, and a sign-in (200).
const wrongPassword = { id: "f", ui: { messages: [{ id: 4000006, type: "error", text: "invalid" }], nodes: [] } };
const wrongTotp = { id: "f", ui: { messages: [{ id: 4000008, type: "error", text: "invalid" }], nodes: [] } };
const codeSent = { id: "f", ui: { messages: [{ id: 1060003, type: "info", text: "sent" }], nodes: [] } };
const unknownFlow = { error: { id: "self_service_flow_not_found", code: 404 } };
const csrfRefused = { error: { id: "security_csrf_violation", code: 403 } };
const signedIn = { session: { id: "s" }, continue_with: [] };

function post(kind: FlowKind, form: Record<string, string>, address: string, cookie: string | null = null) {
  return { kind, forwardedFor: address, cookie, body: new URLSearchParams(form).toString() };
}

const password = (identifier: string, field = "identifier") => ({
  method: "password",
  [field]: identifier,
  password: "x",
});

async function tryOnce(
  store: MemoryRateLimitStore,
  attempt: ReturnType<typeof post>,
  now: number,
  answer?: [number, unknown],
): Promise<RateLimitDecision> {
  const decision = await checkRateLimit(attempt, settings, store, now, "ory_kratos_session");
  if (decision.allowed && answer) await decision.record(answer[0], answer[1], now);
  return decision;
}

describe("parseRateLimitSettings", () => {
  it("has a budget per client, per account and address, and per account by default", () => {
    expect(parseRateLimitSettings({})).toEqual({ ...defaultRateLimits, trustedProxies: 0, maxKeys: 200_000 });
    expect(defaultRateLimits.perAccount).toEqual({ max: 100, windowMs: 3_600_000 });
  });

  it("reads counts per window in seconds, minutes or hours, and off", () => {
    expect(
      parseRateLimitSettings({
        RATE_LIMIT_PER_CLIENT: "100/30s",
        RATE_LIMIT_PER_IDENTIFIER: "5/h",
        RATE_LIMIT_PER_ACCOUNT: "off",
        RATE_LIMIT_MAX_KEYS: "5000",
        TRUSTED_PROXIES: "2",
      }),
    ).toEqual({
      perClient: { max: 100, windowMs: 30_000 },
      perIdentifier: { max: 5, windowMs: 3_600_000 },
      perAccount: undefined,
      trustedProxies: 2,
      maxKeys: 5000,
    });
  });

  it("names every malformed value", () => {
    let error: unknown;
    try {
      parseRateLimitSettings({
        RATE_LIMIT_PER_CLIENT: "lots",
        RATE_LIMIT_PER_IDENTIFIER: "0/1m",
        RATE_LIMIT_PER_ACCOUNT: "5/25h",
        RATE_LIMIT_MAX_KEYS: "10",
        TRUSTED_PROXIES: "-1",
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    const problems = (error as EnvError).problems.join("\n");
    for (const name of ["RATE_LIMIT_PER_CLIENT", "RATE_LIMIT_PER_IDENTIFIER", "RATE_LIMIT_PER_ACCOUNT"])
      expect(problems).toContain(name);
    expect(problems).toContain("RATE_LIMIT_MAX_KEYS");
    expect(problems).toContain("TRUSTED_PROXIES");
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

describe("waitMs", () => {
  const limit = { max: 3, windowMs: 60_000 };
  it("is nothing for the free count, then doubles from one second, at most one window", () => {
    const at = (count: number) => waitMs({ count, lastAt: 0, resetAt: 1e9 }, limit, 0);
    expect([0, 1, 2].map(at)).toEqual([0, 0, 0]);
    expect([3, 4, 5, 6].map(at)).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(at(20)).toBe(60_000);
    expect(at(1_000)).toBe(60_000);
  });
});

describe("checkRateLimit", () => {
  it("counts Kratos's wrong answers, not posts: made-up flows and CSRF refusals cost the account nothing", async () => {
    const store = new MemoryRateLimitStore();
    for (let index = 0; index < 20; index++) {
      const decision = await tryOnce(store, post("login", password("ada@example.com"), `203.0.113.${index}`), 0, [
        index % 2 ? 404 : 403,
        index % 2 ? unknownFlow : csrfRefused,
      ]);
      expect(decision.allowed).toBe(true);
    }
    // The owner, from a new address, is let through and gets Kratos's answer.
    expect((await tryOnce(store, post("login", password("ada@example.com"), "198.51.100.9"), 1)).allowed).toBe(true);
  });

  it("slows one address's guesses with growing waits, whatever field or spelling names the account", async () => {
    const store = new MemoryRateLimitStore();
    const variants = [
      password("ada@example.com"),
      password("ADA@example.com", "password_identifier"),
      { ...password(" ada@example.com\u0085"), email: "someone-else@example.com" },
      { method: "password", identifier: "", password_identifier: "Ada@Example.com", password: "x" },
    ];
    for (const [index, form] of variants.slice(0, 3).entries()) {
      const decision = await tryOnce(store, post("login", form, "203.0.113.7"), index, [400, wrongPassword]);
      expect(decision.allowed).toBe(true);
    }
    // Three wrong answers spent the free count: the next attempt waits 1 s, then 2 s.
    expect(await tryOnce(store, post("login", variants[3]!, "203.0.113.7"), 2)).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
    expect(
      (await tryOnce(store, post("login", variants[3]!, "203.0.113.7"), 1_002, [400, wrongPassword])).allowed,
    ).toBe(true);
    expect(await tryOnce(store, post("login", variants[0]!, "203.0.113.7"), 1_003)).toEqual({
      allowed: false,
      retryAfterSeconds: 2,
    });
    // Another account from the same address is not held back.
    expect((await tryOnce(store, post("login", password("bob@example.com"), "203.0.113.7"), 1_004)).allowed).toBe(true);
  });

  it("holds second-factor guesses to the session's budget, whatever stray fields the post carries", async () => {
    const store = new MemoryRateLimitStore();
    const cookie = "a=1; ory_kratos_session=MTc0abc; b=2";
    for (let index = 0; index < 3; index++) {
      const form = { method: "totp", totp_code: "000000", identifier: `r${index}@example.com` };
      expect((await tryOnce(store, post("login", form, "203.0.113.7", cookie), index, [400, wrongTotp])).allowed).toBe(
        true,
      );
    }
    const stray = { method: "totp", totp_code: "111111", identifier: "fresh@example.com", password_identifier: "x" };
    expect((await tryOnce(store, post("login", stray, "203.0.113.7", cookie), 10)).allowed).toBe(false);
    // A junk cookie of the same name placed first is skipped by Go, and here.
    const junk = `ory_kratos_session=bad\\value; ${cookie}`;
    expect((await tryOnce(store, post("login", stray, "203.0.113.7", junk), 10)).allowed).toBe(false);
  });

  it("bounds guessing spread over many addresses by the account's count, but spares an address that signed in before", async () => {
    const store = new MemoryRateLimitStore();
    // The owner signed in from 198.51.100.1 once.
    await tryOnce(store, post("login", password("ada@example.com"), "198.51.100.1"), 0, [200, signedIn]);
    for (let index = 0; index < 5; index++) {
      const decision = await tryOnce(store, post("login", password("ada@example.com"), `203.0.113.${index}`), 10, [
        400,
        wrongPassword,
      ]);
      expect(decision.allowed).toBe(true);
    }
    // Five wrong answers from five addresses: a sixth address waits.
    expect(await tryOnce(store, post("login", password("ada@example.com"), "203.0.113.99"), 11)).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
    // The owner's address keeps its own budget.
    expect((await tryOnce(store, post("login", password("ada@example.com"), "198.51.100.1"), 11)).allowed).toBe(true);
  });

  it("keys recovery and verification on the address mailed, counting mails sent", async () => {
    const store = new MemoryRateLimitStore();
    for (let index = 0; index < 3; index++) {
      const form = {
        method: "code",
        email: index % 2 ? "ADA@example.com " : "ada@example.com",
        identifier: `r${index}`,
      };
      expect((await tryOnce(store, post("recovery", form, "203.0.113.7"), index, [200, codeSent])).allowed).toBe(true);
    }
    expect(
      (await tryOnce(store, post("recovery", { method: "code", email: "ada@example.com" }, "203.0.113.7"), 3)).allowed,
    ).toBe(false);
  });

  it("refuses a client address past its post budget, and a flood adds no keys per account", async () => {
    const store = new MemoryRateLimitStore();
    const tight = { ...settings, perClient: { max: 3, windowMs: 60_000 } };
    const decisions = [];
    for (let index = 0; index < 100; index++) {
      decisions.push(
        await checkRateLimit(
          post("login", password(`victim${index}@example.com`), "203.0.113.7"),
          tight,
          store,
          0,
          "s",
        ),
      );
    }
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(3);
    expect(decisions[3]).toEqual({ allowed: false, retryAfterSeconds: 60 });
    // Only the address's counter is held: no answer from Kratos, no account key.
    expect(store.size).toBe(1);
  });
});

describe("MemoryRateLimitStore", () => {
  it("drops the least recently used key to stay within its size", async () => {
    const store = new MemoryRateLimitStore(3);
    await store.hit("a", 10_000, 0);
    await store.hit("b", 10_000, 0);
    await store.hit("c", 10_000, 0);
    await store.hit("a", 10_000, 1); // a is now the most recently used
    await store.hit("d", 10_000, 2);
    expect(store.size).toBe(3);
    expect(await store.peek("b", 2)).toBeUndefined();
    expect(await store.peek("a", 2)).toEqual({ count: 2, lastAt: 1, resetAt: 10_000 });
  });

  it("forgets a fixed window after its first event and a sliding one after its last", async () => {
    const store = new MemoryRateLimitStore();
    await store.hit("fixed", 1_000, 0);
    await store.hit("fixed", 1_000, 900);
    expect(await store.peek("fixed", 1_000)).toBeUndefined();
    await store.hit("sliding", 1_000, 0, true);
    await store.hit("sliding", 1_000, 900, true);
    expect(await store.peek("sliding", 1_000)).toEqual({ count: 2, lastAt: 900, resetAt: 1_900 });
  });
});
