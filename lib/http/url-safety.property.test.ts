// Every URL the app builds from input, fed thousands of hostile strings. "Safe"
// means what a browser would do with the produced href or Location: resolve it
// against our origin (WHATWG URL parsing, which Node's URL implements: tabs and
// newlines dropped, leading and trailing controls and spaces trimmed, `\` read as
// `/` for http(s)) and land on our origin or one we allow; never another scheme.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const appUrl = new URL("http://localhost:3000");
const allowed = ["https://shop.example.com"];
const kratosBrowserOrigin = "http://localhost:4433";
const oidcOrigin = "https://accounts.example.org";

beforeAll(() => {
  vi.stubEnv("RETURN_TO_ORIGINS", allowed.join(","));
  vi.stubEnv("OIDC_PROVIDER_ORIGINS", oidcOrigin);
});

let tried = 0;
const unsafe: string[] = [];

/** Where a browser on our origin would go for `href`, and whether that is allowed. */
function lands(href: string, origins: readonly string[]): boolean {
  if (!URL.canParse(href, appUrl)) return true; // a browser does not navigate at all
  const target = new URL(href, appUrl);
  if (target.protocol !== "http:" && target.protocol !== "https:") return false;
  return target.origin === appUrl.origin || origins.includes(target.origin);
}

function check(label: string, input: unknown, href: string, origins: readonly string[] = []): boolean {
  tried += 1;
  const safe = lands(href, origins);
  if (!safe) unsafe.push(`${label}: ${JSON.stringify(input)} -> ${JSON.stringify(href)}`);
  return safe;
}

function orNothing<T>(build: () => T): T | undefined {
  try {
    return build();
  } catch {
    return undefined;
  }
}

/** The href attributes of an HTML page, entities decoded as a browser decodes them. */
function hrefsOf(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map(([, raw]) =>
    raw!.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, "&"),
  );
}

// Pieces attackers combine, by kind, weighted so that the dangerous neighbours
// (a slash, something a browser drops, another slash) meet often.
const slashes = ["/", "//", "\\", "/\\", "\\/", "\uff0f", "\u2215"];
const dropped = ["\t", "\n", "\r", "\u0000", "\u001f", " ", "\u007f", "\u0085", "\u00a0", "\ufeff", "\u200b"];
const schemes = [
  "javascript:",
  "JaVaScRiPt:",
  "data:",
  "vbscript:",
  "http:",
  "https:",
  "http://",
  "https://",
  "ftp://",
];
const hosts = [
  "evil.example",
  "localhost",
  "localhost:3000",
  "localhost:4433",
  "127.0.0.1",
  "[::1]",
  "user:pass@",
  "localhost:3000@evil.example",
  "shop.example.com",
  "shop.example.com.evil.example",
  "accounts.example.org",
  "ｅｖｉｌ．ｅｘａｍｐｌｅ",
  "ⓔⓥⓘⓛ.example",
  "xn--80ak6aa92e.com",
  "例え.テスト",
  "\u3002",
];
const encodings = ["%09", "%0a", "%0d", "%2f", "%2F", "%5c", "%5C", "%00", "%2e", "%252f", "&#x2F;", "&#47;"];
const others = ["..", ".", "?", "#", "&", "=", ":", "@", "login", "settings", "return_to=", "flow=", "alert(1)"];
const piece = fc.oneof(
  { arbitrary: fc.constantFrom(...slashes), weight: 3 },
  { arbitrary: fc.constantFrom(...dropped), weight: 3 },
  { arbitrary: fc.constantFrom(...schemes), weight: 1 },
  { arbitrary: fc.constantFrom(...hosts), weight: 2 },
  { arbitrary: fc.constantFrom(...encodings), weight: 1 },
  { arbitrary: fc.constantFrom(...others), weight: 1 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 4 }), weight: 1 },
);
const some = (items: string[], maxLength: number) =>
  fc.array(fc.constantFrom(...items), { maxLength }).map((parts) => parts.join(""));
// Free-form: often a leading `/`, since a path is what most of these places expect.
const freeForm = fc
  .tuple(fc.constantFrom("", "/", "//", "/\\"), fc.array(piece, { maxLength: 8 }))
  .map(([start, parts]) => start + parts.join(""));
// URL-shaped: [scheme][slashes and dropped characters][userinfo][host][path…], the
// order in which a browser reads a URL, so that each trick lands where it matters.
const urlShaped = fc
  .tuple(
    fc.constantFrom("", "", ...schemes),
    some([...slashes, ...dropped, "/", "/", "\\"], 5),
    fc.constantFrom("", "", "user:pass@", "localhost:3000@", "@"),
    fc.constantFrom(...hosts, ""),
    fc.array(piece, { maxLength: 4 }),
  )
  .map(([scheme, separators, userinfo, host, rest]) => scheme + separators + userinfo + host + rest.join(""));
// Path-shaped: what a path check sees, with the tricks right after the first slash.
const pathShaped = fc
  .tuple(
    fc.constantFrom("/", "\\"),
    // Tabs and newlines (which browsers drop inside a URL) and ASCII slashes, thrice as likely.
    some([...dropped, ...slashes, ...Array.from({ length: 3 }, () => ["\t", "\n", "\r", "/", "\\"]).flat()], 4),
    fc.constantFrom("", "user:pass@", "@"),
    fc.constantFrom(...hosts),
    fc.array(piece, { maxLength: 3 }),
  )
  .map(([first, separators, userinfo, host, rest]) => first + separators + userinfo + host + rest.join(""));
const hostile = fc.oneof(freeForm, urlShaped, pathShaped);
const runs = { numRuns: 2_000 };

describe("URLs built from input stay on our origin or an allowed one", () => {
  it("the retry link of the 503 and 429 pages (/unavailable?retry=)", async () => {
    const { statusPageResponse, safeRetryPath } = await import("./status-page");
    const { unavailablePath } = await import("./unavailable");
    await fc.assert(
      fc.asyncProperty(hostile, async (input) => {
        const location = unavailablePath(input);
        const retry = new URL(location, appUrl).searchParams.get("retry") ?? "";
        const html = await statusPageResponse({
          status: 503,
          title: "t",
          message: "m",
          retryAfterSeconds: 10,
          retryPath: retry,
        }).text();
        return (
          check("unavailablePath", input, location) &&
          check("safeRetryPath", input, safeRetryPath(input)) &&
          hrefsOf(html).every((href) => check("retry href", input, href))
        );
      }),
      runs,
    );
  });

  it("return_to (flow starts, logout) and Kratos's redirects", async () => {
    const { safeReturnTo } = await import("./return-to");
    const { isFollowableRedirect } = await import("./kratos-redirect");
    const followable = [...allowed, kratosBrowserOrigin, oidcOrigin];
    fc.assert(
      fc.property(hostile, (input) => {
        const returnTo = safeReturnTo(input, appUrl, allowed);
        return (
          (returnTo === undefined || check("safeReturnTo", input, returnTo, allowed)) &&
          (!isFollowableRedirect(input) || check("isFollowableRedirect", input, input, followable))
        );
      }),
      runs,
    );
  });

  it("logout's return_to", async () => {
    const { logOut } = await import("../account/logout");
    await fc.assert(
      fc.asyncProperty(hostile, async (input) => {
        // Without a token, logout answers at once, without asking Kratos.
        const response = await logOut(new Request(`${appUrl.origin}/logout?return_to=${encodeURIComponent(input)}`));
        return check("logout", input, response.headers.get("Location") ?? "", allowed);
      }),
      runs,
    );
  });

  it("restart paths and flow starts with hostile parameters", async () => {
    const { flowKinds, flowStartPath, restartLocation } = await import("../flows/load-flow");
    const { pagePath } = await import("./unavailable");
    fc.assert(
      fc.property(
        fc.constantFrom(...flowKinds),
        fc.dictionary(
          fc.constantFrom("return_to", "aal", "refresh", "via", "attempt", "notice", "flow", "organization"),
          hostile,
        ),
        fc.constantFrom("csrf" as const, "expired" as const),
        (kind, params, notice) => {
          const start = flowStartPath(kind, params);
          const restart = restartLocation(kind, params, notice);
          const startReturnTo = new URL(start, appUrl).searchParams.get("return_to");
          return (
            check("flowStartPath", params, start) &&
            check("restartLocation", params, restart) &&
            (startReturnTo === null || check("return_to sent to Kratos", params, startReturnTo, allowed)) &&
            check("pagePath", params, pagePath("/verification", params))
          );
        },
      ),
      runs,
    );
  });

  it("the relay's next step for Kratos's answers: error ids, redirects, continue_with", async () => {
    const { nextStep } = await import("./flow-relay");
    const { flowLoadOf } = await import("../flows/load-flow");
    const { followableOnly, readWhoami } = await import("../kratos/whoami");
    const flowId = "0f8e2c1a-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
    const followable = [...allowed, kratosBrowserOrigin, oidcOrigin];
    fc.assert(
      fc.property(hostile, fc.constantFrom(400, 403, 410, 422, 500), (input, status) => {
        const answers = [
          { status, body: { error: { id: input } } },
          { status, body: { error: { id: "browser_location_change_required" }, redirect_browser_to: input } },
          { status: 200, body: { continue_with: [{ action: "redirect_browser_to", redirect_browser_to: input }] } },
        ];
        return answers.every((answer) => {
          const response = { ...answer, setCookies: [], location: null };
          const step = nextStep("login", flowId, response);
          // An unexpected status throws (the page's error boundary): no URL is built then.
          const load = orNothing(() => flowLoadOf("login", {}, response));
          const read = readWhoami(403, answer.body);
          const session = read && followableOnly(read);
          return (
            ("restart" in step || check("nextStep", answer, step.location, followable)) &&
            (load?.kind !== "redirect" || check("flowLoadOf", answer, load.location, followable)) &&
            (session?.kind !== "redirect" || check("whoami", answer, session.location, followable))
          );
        });
      }),
      runs,
    );
  });

  it("error ids sent to Kratos stay on Kratos's error endpoint", async () => {
    const { kratosErrorIdPattern } = await import("../flows/error-view");
    const kratos = new URL("http://127.0.0.1:4433");
    fc.assert(
      fc.property(fc.oneof(hostile, fc.constant("stub:500"), fc.uuid()), (input) => {
        tried += 1;
        if (!kratosErrorIdPattern.test(input)) return true;
        const url = new URL(`/self-service/errors?id=${encodeURIComponent(input)}`, kratos);
        const safe = url.origin === kratos.origin && url.pathname === "/self-service/errors";
        if (!safe) unsafe.push(`error id: ${JSON.stringify(input)}`);
        return safe;
      }),
      runs,
    );
  });
});

afterAll(() => {
  console.log(`inputs tried: ${tried}, unsafe: ${unsafe.length}`);
  for (const example of unsafe.slice(0, 20)) console.log(`  unsafe ${example}`);
  expect(unsafe).toEqual([]);
});
