import { afterAll, describe, expect, it, vi } from "vitest";
import { defaultGuardTimeoutMs, EnvError, parseGuardSettings } from "../config/env";
import { unavailableRetryAfterSeconds as retryAfterSeconds } from "./status-page";
import { decide, guardRequest, isProtectedPath, type GuardConfig } from "./route-guard";

const config: GuardConfig = {
  appUrl: new URL("https://auth.example.com"),
  kratosPublicUrl: new URL("http://kratos:4433"),
  kratosBrowserUrl: new URL("https://id.example.com"),
  protectedRoutes: ["/settings", "/sessions", "/account"],
  timeoutMs: 50,
};

const page = new URL("https://auth.example.com/settings?tab=password");

// Kratos v1.3.1's answers to whoami (session/handler.go, session/manager_http.go).
const aal2Required = {
  error: { id: "session_aal2_required", code: 403, status: "Forbidden" },
  redirect_browser_to: "https://id.example.com/self-service/login/browser?aal=aal2",
};
const noSession = { error: { id: "session_inactive", code: 401, status: "Unauthorized" } };

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

describe("parseGuardSettings", () => {
  it("guards /settings, /sessions and /account and waits 3 s by default", () => {
    expect(parseGuardSettings({})).toEqual({
      protectedRoutes: ["/settings", "/sessions", "/account"],
      timeoutMs: defaultGuardTimeoutMs,
    });
    expect(defaultGuardTimeoutMs).toBe(3000);
    expect(parseGuardSettings({ PROTECTED_ROUTES: " " }).protectedRoutes).toEqual([
      "/settings",
      "/sessions",
      "/account",
    ]);
  });

  it("reads the routes as comma-separated prefixes, trailing slashes dropped", () => {
    const settings = parseGuardSettings({ PROTECTED_ROUTES: "/settings/, /billing ,,/", GUARD_TIMEOUT_MS: "1500" });
    expect(settings).toEqual({ protectedRoutes: ["/settings", "/billing", "/"], timeoutMs: 1500 });
  });

  it("names every malformed value at once", () => {
    let error: unknown;
    try {
      parseGuardSettings({ PROTECTED_ROUTES: "settings,/a?b,https://x/y", GUARD_TIMEOUT_MS: "3s" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    const problems = (error as EnvError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.join("\n")).toContain('got "settings"');
    expect(problems.join("\n")).toContain("GUARD_TIMEOUT_MS must be a whole number");
    expect(() => parseGuardSettings({ GUARD_TIMEOUT_MS: "0" })).toThrow(EnvError);
    expect(() => parseGuardSettings({ GUARD_TIMEOUT_MS: "60001" })).toThrow(EnvError);
  });
});

describe("isProtectedPath", () => {
  const routes = ["/settings", "/sessions", "/account"];

  it("matches the prefixes on whole path segments", () => {
    expect(isProtectedPath("/settings", routes)).toBe(true);
    expect(isProtectedPath("/settings/", routes)).toBe(true);
    expect(isProtectedPath("/account/devices", routes)).toBe(true);
    expect(isProtectedPath("/settingsfoo", routes)).toBe(false);
    expect(isProtectedPath("/", routes)).toBe(false);
  });

  it("is not fooled by escapes or doubled slashes", () => {
    expect(isProtectedPath("/%73ettings", routes)).toBe(true);
    expect(isProtectedPath("//settings", routes)).toBe(true);
    expect(isProtectedPath("/%E0%A4%A", routes)).toBe(false);
  });

  it("never guards auth pages, the relay, static files, the WebAuthn helper or the health check", () => {
    const everything = ["/"];
    for (const path of [
      "/login",
      "/registration",
      "/verification",
      "/verify",
      "/recovery",
      "/error",
      "/logout",
      "/self-service/login",
      "/_next/static/chunks/app.js",
      "/favicon.ico",
      "/robots.txt",
      "/kratos/webauthn.js",
      "/api/health",
      "/unavailable",
    ]) {
      expect(isProtectedPath(path, everything), path).toBe(false);
    }
    expect(isProtectedPath("/", everything)).toBe(true);
    expect(isProtectedPath("/loginx", everything)).toBe(true);
  });
});

describe("decide", () => {
  it("lets an active session through", () => {
    expect(decide({ kind: "answered", status: 200, body: { active: true } }, page, config)).toEqual({ kind: "allow" });
  });

  it("sends a browser without a session to our login, coming back to the page on our origin", () => {
    const decision = decide({ kind: "answered", status: 401, body: noSession }, page, config);
    expect(decision).toEqual({
      kind: "redirect",
      location: `https://auth.example.com/login?return_to=${encodeURIComponent(page.toString())}`,
    });
  });

  it("follows Kratos to the second factor, adding the way back", () => {
    const decision = decide({ kind: "answered", status: 403, body: aal2Required }, page, config);
    expect(decision.kind).toBe("redirect");
    const location = new URL((decision as { location: string }).location);
    expect(location.origin).toBe("https://id.example.com");
    expect(location.pathname).toBe("/self-service/login/browser");
    expect(location.searchParams.get("aal")).toBe("aal2");
    expect(location.searchParams.get("return_to")).toBe(page.toString());
  });

  it("keeps a return_to Kratos already chose", () => {
    const body = {
      ...aal2Required,
      redirect_browser_to: `${aal2Required.redirect_browser_to}&return_to=https%3A%2F%2Fauth.example.com%2F`,
    };
    const decision = decide({ kind: "answered", status: 403, body }, page, config);
    expect(new URL((decision as { location: string }).location).searchParams.get("return_to")).toBe(
      "https://auth.example.com/",
    );
  });

  it("never follows a redirect to another origin; our login starts the second factor instead", () => {
    for (const target of [
      "https://evil.example/self-service/login/browser?aal=aal2",
      "/relative",
      "javascript:alert(1)",
    ]) {
      const decision = decide(
        { kind: "answered", status: 403, body: { ...aal2Required, redirect_browser_to: target } },
        page,
        config,
      );
      expect(decision).toEqual({
        kind: "redirect",
        location: `https://auth.example.com/login?aal=aal2&return_to=${encodeURIComponent(page.toString())}`,
      });
    }
  });

  it("treats a 403 without a redirect as no session", () => {
    const decision = decide({ kind: "answered", status: 403, body: null }, page, config);
    expect(decision).toEqual({
      kind: "redirect",
      location: `https://auth.example.com/login?return_to=${encodeURIComponent(page.toString())}`,
    });
  });

  it("calls Kratos unavailable when it fails, times out or answers anything else", () => {
    expect(decide({ kind: "failed", reason: "timeout" }, page, config)).toEqual({ kind: "unavailable" });
    for (const status of [500, 502, 503, 429, 404]) {
      expect(decide({ kind: "answered", status, body: null }, page, config)).toEqual({ kind: "unavailable" });
    }
  });
});

describe("guardRequest", () => {
  const request = { pathname: "/settings", search: "?tab=password", cookie: "ory_kratos_session=MTc5+/x==" };

  it("asks Kratos's whoami with the raw Cookie header and lets an active session through", async () => {
    const fetchFn = vi.fn<typeof fetch>().mockResolvedValue(json(200, { active: true }));
    expect(await guardRequest(request, config, { fetchFn })).toBeUndefined();
    expect(fetchFn).toHaveBeenCalledOnce();
    const [url, init] = fetchFn.mock.calls[0]!;
    expect(url).toEqual(new URL("http://kratos:4433/sessions/whoami"));
    expect(new Headers(init?.headers).get("cookie")).toBe("ory_kratos_session=MTc5+/x==");
    expect(init?.redirect).toBe("manual");
  });

  it("leaves pages that are not protected alone, without asking Kratos", async () => {
    const fetchFn = vi.fn<typeof fetch>();
    expect(await guardRequest({ ...request, pathname: "/login" }, config, { fetchFn })).toBeUndefined();
    expect(await guardRequest({ ...request, pathname: "/" }, config, { fetchFn })).toBeUndefined();
    expect(fetchFn).not.toHaveBeenCalled();
  });

  it("answers 303 to the login without asking Kratos when there are no cookies", async () => {
    const fetchFn = vi.fn<typeof fetch>();
    const response = await guardRequest({ ...request, cookie: null }, config, { fetchFn });
    expect(fetchFn).not.toHaveBeenCalled();
    expect(response?.status).toBe(303);
    expect(response?.headers.get("location")).toBe(
      `https://auth.example.com/login?return_to=${encodeURIComponent(page.toString())}`,
    );
  });

  it("builds return_to from APP_URL even for a path that looks like another host", async () => {
    const response = await guardRequest({ pathname: "//evil.example/settings", search: "", cookie: null }, config);
    expect(response).toBeUndefined();
    const doubled = await guardRequest({ pathname: "//settings", search: "", cookie: null }, config);
    const returnTo = new URL(doubled!.headers.get("location")!).searchParams.get("return_to")!;
    expect(new URL(returnTo).origin).toBe("https://auth.example.com");
  });

  it("answers 303 to the second factor when Kratos asks for it", async () => {
    const fetchFn = vi.fn<typeof fetch>().mockResolvedValue(json(403, aal2Required));
    const response = await guardRequest(request, config, { fetchFn });
    expect(response?.status).toBe(303);
    expect(response?.headers.get("location")).toMatch(
      /^https:\/\/id\.example\.com\/self-service\/login\/browser\?aal=aal2&return_to=/,
    );
  });

  describe("when Kratos is down or slow", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    afterAll(() => warn.mockRestore());

    async function expectTryAgainPage(response: Response | undefined): Promise<void> {
      expect(response?.status).toBe(503);
      expect(response?.headers.get("retry-after")).toBe(String(retryAfterSeconds));
      expect(response?.headers.get("cache-control")).toBe("no-store");
      expect(response?.headers.get("content-type")).toBe("text/html; charset=utf-8");
      const html = await response!.text();
      expect(html).toContain("Please try again in a moment.");
      expect(html).toContain('href="/settings?tab=password"');
    }

    it("shows the try-again page when the connection fails", async () => {
      const fetchFn = vi.fn<typeof fetch>().mockRejectedValue(new TypeError("fetch failed"));
      await expectTryAgainPage(await guardRequest(request, config, { fetchFn }));
      expect(warn).toHaveBeenLastCalledWith("Route guard: Kratos whoami failed (TypeError: fetch failed)");
    });

    it("gives up after GUARD_TIMEOUT_MS and shows the try-again page", async () => {
      // A Kratos that never answers: only the guard's abort signal ends the wait.
      const fetchFn = vi.fn<typeof fetch>(
        (_url, init) =>
          new Promise((_resolve, reject) => {
            init?.signal?.addEventListener("abort", () => reject(init.signal!.reason as Error));
          }),
      );
      const started = Date.now();
      await expectTryAgainPage(await guardRequest(request, config, { fetchFn }));
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(warn).toHaveBeenLastCalledWith("Route guard: Kratos whoami failed (no answer within 50 ms)");
    });

    it("shows the try-again page when Kratos answers with an error", async () => {
      const fetchFn = vi.fn<typeof fetch>().mockResolvedValue(new Response("Bad Gateway", { status: 502 }));
      await expectTryAgainPage(await guardRequest(request, config, { fetchFn }));
      expect(warn).toHaveBeenLastCalledWith("Route guard: Kratos whoami answered 502");
    });

    it("puts the nonce on the page's only inline style and escapes what it echoes", async () => {
      const fetchFn = vi.fn<typeof fetch>().mockRejectedValue(new TypeError("fetch failed"));
      const response = await guardRequest({ ...request, search: "?x='><script>" }, config, { fetchFn, nonce: "n0nce" });
      const html = await response!.text();
      expect(html.match(/<style[^>]*>/g)).toEqual(['<style nonce="n0nce">']);
      expect(html).not.toContain("<script");
      expect(html).not.toContain("'>");
    });
  });
});
