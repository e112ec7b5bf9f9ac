import { afterEach, describe, expect, it, vi } from "vitest";
import { jsonAsKratosForm } from "./kratos-form";
import { isJsonPost, relayJsonSubmission, unreadableKey } from "./json-flow-relay";

const flowId = "0b7c3a4e-1111-4a4a-8a8a-123456789abc";
const url = `http://localhost:3000/self-service/login?flow=${flowId}`;

function post(body: string, headers: Record<string, string> = {}, target = url): Request {
  return new Request(target, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("isJsonPost", () => {
  it("takes application/json with or without parameters, nothing else", () => {
    expect(isJsonPost(post("{}"))).toBe(true);
    expect(isJsonPost(post("{}", { "Content-Type": "application/json; charset=utf-8" }))).toBe(true);
    // text/plain is what a page elsewhere can send without a preflight: it stays with the form relay (415).
    expect(isJsonPost(post("{}", { "Content-Type": "text/plain" }))).toBe(false);
    expect(isJsonPost(post("{}", { "Content-Type": "application/jsonp" }))).toBe(false);
  });
});

describe("unreadableKey", () => {
  it("refuses keys Go's case-insensitive matching would read as Kratos's fields", () => {
    expect(unreadableKey({ IDENTIFIER: "a@example.com" })).toBe("IDENTIFIER");
    // U+017F folds to "s" in Go: this is password_identifier to Kratos.
    expect(unreadableKey({ "pa\u017F\u017Fword_identifier": "a@example.com" })).toBeDefined();
    expect(unreadableKey({ method: "password", identifier: "a", csrf_token: "t", "traits.Name": "x" })).toBeUndefined();
  });
});

describe("jsonAsKratosForm", () => {
  it("flattens nested objects into the dotted names Kratos decodes from forms", () => {
    const form = new URLSearchParams(
      jsonAsKratosForm({ method: "code", traits: { email: "a@example.com", name: { first: "A" } }, list: ["x"] }),
    );
    expect([...form]).toEqual([
      ["method", "code"],
      ["traits.email", "a@example.com"],
      ["traits.name.first", "A"],
    ]);
  });
});

describe("relayJsonSubmission refusals, before Kratos is called", () => {
  const kratosCalled = vi.fn();
  const stubKratos = () => vi.stubGlobal("fetch", kratosCalled);

  it("refuses a labelled cross-site post with 403 in Kratos's error shape", async () => {
    stubKratos();
    const response = await relayJsonSubmission("login", post("{}", { Origin: "https://evil.example" }));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 403, id: "security_cross_site" } });
    const fetchSite = await relayJsonSubmission("login", post("{}", { "Sec-Fetch-Site": "cross-site" }));
    expect(fetchSite.status).toBe(403);
    expect(kratosCalled).not.toHaveBeenCalled();
  });

  it("refuses a missing flow id, a body that is no object and a folded key", async () => {
    stubKratos();
    expect(
      (await relayJsonSubmission("login", post("{}", {}, "http://localhost:3000/self-service/login"))).status,
    ).toBe(400);
    expect((await relayJsonSubmission("login", post("[1]"))).status).toBe(400);
    expect((await relayJsonSubmission("login", post("not json"))).status).toBe(400);
    expect((await relayJsonSubmission("login", post('{"Identifier":"a@example.com"}'))).status).toBe(400);
    expect((await relayJsonSubmission("login", post(JSON.stringify({ x: "y".repeat(70_000) })))).status).toBe(413);
    expect(kratosCalled).not.toHaveBeenCalled();
  });
});

describe("relayJsonSubmission's relay", () => {
  it("sends the body and the cookies on and answers Kratos's status, body and Set-Cookie bytes", async () => {
    const body = '{"method":"password","identifier":"a@example.com","password":"x","csrf_token":"t"}';
    const kratosBody = '{"session":{"id":"s"}}';
    const cookies = ["ory_kratos_session=abc; Path=/; HttpOnly; SameSite=Lax", "csrf_token_x=y=; Path=/; HttpOnly"];
    let seen: Request | undefined;
    vi.stubGlobal("fetch", (input: URL, init: RequestInit) => {
      seen = new Request(input, init);
      const headers = new Headers({ "Content-Type": "application/json" });
      for (const cookie of cookies) headers.append("Set-Cookie", cookie);
      return Promise.resolve(new Response(kratosBody, { status: 200, headers }));
    });
    const response = await relayJsonSubmission(
      "login",
      post(body, { Cookie: "csrf_token_x=y=", "Sec-Fetch-Site": "same-origin" }),
    );
    expect(seen!.url).toBe(`http://127.0.0.1:4433/self-service/login?flow=${flowId}`);
    expect(await seen!.text()).toBe(body);
    expect(seen!.headers.get("cookie")).toBe("csrf_token_x=y=");
    expect(seen!.headers.get("content-type")).toBe("application/json");
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(kratosBody);
    expect(response.headers.getSetCookie()).toEqual(cookies);
  });

  it("sends Kratos the body as the limiter read it: one value per key, the last", async () => {
    let sent = "";
    vi.stubGlobal("fetch", async (input: URL, init: RequestInit) => {
      sent = await new Request(input, init).text();
      return new Response("{}", { status: 400 });
    });
    await relayJsonSubmission(
      "login",
      post('{"method":"password","identifier":"victim@example.com","identifier":"other@example.com"}'),
    );
    expect(JSON.parse(sent)).toEqual({ method: "password", identifier: "other@example.com" });
    expect(sent.match(/identifier/g)).toHaveLength(1);
  });
});
