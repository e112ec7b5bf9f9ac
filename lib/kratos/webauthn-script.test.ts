import { describe, expect, it } from "vitest";
import { createWebAuthnScriptRelay } from "./webauthn-script";

// The fetch stands for the network between us and Kratos: it answers the bytes,
// or fails as a stopped Kratos does (fetch rejects with "fetch failed").
const script = "window.__oryWebAuthn = 1;";
const down = () => Promise.reject(new TypeError("fetch failed"));

describe("createWebAuthnScriptRelay", () => {
  it("answers 503 with Retry-After while it has never fetched the script", async () => {
    const serve = createWebAuthnScriptRelay(down);
    const response = await serve();
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("10");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("fetches once, then serves its copy without asking again, also when the source is down", async () => {
    let calls = 0;
    let up = true;
    const serve = createWebAuthnScriptRelay(() => {
      calls += 1;
      return up ? Promise.resolve(new Response(script)) : down();
    });
    expect(await (await serve()).text()).toBe(script);
    up = false;
    for (let index = 0; index < 3; index++) {
      const response = await serve();
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(script);
    }
    expect(calls).toBe(1);
  });

  it("refreshes a stale copy in the background and keeps the old one if that fails", async () => {
    let clock = 0;
    let body: string | undefined = "v1";
    const serve = createWebAuthnScriptRelay(() => (body ? Promise.resolve(new Response(body)) : down()), {
      refreshMs: 1_000,
      now: () => clock,
    });
    expect(await (await serve()).text()).toBe("v1");
    clock = 2_000;
    body = undefined;
    expect(await (await serve()).text()).toBe("v1");
    await new Promise((resolve) => setTimeout(resolve, 0));
    body = "v2";
    expect(await (await serve()).text()).toBe("v1"); // served at once; the refresh runs behind it
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await (await serve()).text()).toBe("v2");
  });
});
