// Measures what each auth page costs: the JavaScript a browser downloads for
// it (gzipped, split into Next/React "framework" and "ours") and our server's
// time to first byte with a valid flow id. It prints figures and never fails
// on them; see bench/README.md for how to run it and read the output.
//
//   node bench/auth-pages.mjs                       # builds and starts its own stack
//   BENCH_URL=http://localhost:3100 node bench/auth-pages.mjs   # measures a running one
//
// Progress goes to stderr, results to stdout (a table, then one BENCH_JSON line).
import { createHmac } from "node:crypto";
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { BROWSER_HEADERS, countFromEnv, log, percentile, repoRoot, table, trimSlash } from "./lib/common.mjs";
import {
  CookieJar,
  csrfTokenOf,
  deleteIdentity,
  kratosJson,
  registerIdentity,
  request,
} from "./lib/kratos-browser.mjs";
import { startOwnStack } from "./lib/own-stack.mjs";
import { GZIP_LEVEL, LOGIN_BUDGET, loadBuildInfo, measureJavaScript } from "./lib/page-javascript.mjs";

// The stack the bench starts for itself: its own ports, state folder and build
// folder, so it runs beside `./stack up` (3000) and the e2e stack (3100).
const OWN_STACK = {
  ports: { app: 3200, kratosPublic: 4633, kratosAdmin: 4634, smtp: 1225, mailWeb: 1280 },
  stackDir: ".stack/bench",
  distDir: ".next-bench",
  startTimeoutMs: 15 * 60_000,
};

// ---------------------------------------------------------------------------
// A browser in miniature: a cookie jar and manual redirects.

/** GET as a browser navigates: follows redirects across origins, keeping cookies. Returns the final page. */
async function navigate(jar, startUrl) {
  let url = startUrl;
  const hops = [];
  for (let hop = 0; hop < 10; hop++) {
    const response = await request(jar, url, { headers: BROWSER_HEADERS });
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      await response.arrayBuffer();
      hops.push(`${response.status} ${url}`);
      url = new URL(location, url).toString();
      continue;
    }
    return { url, status: response.status, html: await response.text(), hops };
  }
  throw new Error(`more than 10 redirects from ${startUrl}: ${hops.join(" → ")}`);
}

// ---------------------------------------------------------------------------
// Test identity: a session for /settings and, with TOTP set up, /login?aal=aal2.

/** Signs in with the password alone: a first-factor (aal1) session in the jar. */
async function signInWithPassword(jar, kratosUrl, { email, password }) {
  const flow = await kratosJson(jar, `${kratosUrl}/self-service/login/browser`);
  if (flow.status !== 200) throw new Error(`login flow: HTTP ${flow.status}`);
  const signedIn = await kratosJson(jar, `${kratosUrl}/self-service/login?flow=${flow.body.id}`, {
    method: "POST",
    form: { csrf_token: csrfTokenOf(flow.body), identifier: email, password, method: "password" },
  });
  // With a second factor on file Kratos answers 422 "go to the aal2 login", having set the aal1 session.
  const wantsSecondFactor = signedIn.status === 422 && /aal=aal2/.test(signedIn.body?.redirect_browser_to ?? "");
  if ((signedIn.status !== 200 && !wantsSecondFactor) || !jar.has(kratosUrl, "ory_kratos_session")) {
    throw new Error(`password login failed: HTTP ${signedIn.status} ${JSON.stringify(signedIn.body).slice(0, 300)}`);
  }
}

/** RFC 6238 code (SHA-1, 30 s, 6 digits) for a base32 secret, as an authenticator app computes it. */
function totpCode(base32Secret, now = Date.now()) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const char of base32Secret.replace(/=+$/, "").toUpperCase()) {
    bits += alphabet.indexOf(char).toString(2).padStart(5, "0");
  }
  const key = Buffer.from(bits.match(/.{8}/g).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / 30_000)));
  const digest = createHmac("sha1", key).update(counter).digest();
  const offset = digest[digest.length - 1] & 0x0f;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

/**
 * Links an authenticator to the signed-in identity. Kratos counts the linking
 * as a second factor for this session, so an aal2 login flow needs a new one.
 */
async function enableTotp(jar, kratosUrl) {
  const flow = await kratosJson(jar, `${kratosUrl}/self-service/settings/browser`);
  if (flow.status !== 200) throw new Error(`settings flow: HTTP ${flow.status}`);
  const secretNode = flow.body.ui.nodes.find((node) => node.attributes.id === "totp_secret_key");
  if (!secretNode) throw new Error("the settings flow offers no TOTP secret (is the totp method enabled?)");
  const linked = await kratosJson(jar, `${kratosUrl}/self-service/settings?flow=${flow.body.id}`, {
    method: "POST",
    form: { csrf_token: csrfTokenOf(flow.body), method: "totp", totp_code: totpCode(secretNode.attributes.text.text) },
  });
  if (linked.status !== 200) throw new Error(`linking TOTP failed: HTTP ${linked.status}`);
}

/** A stored Kratos error to show on /error: Kratos refuses a foreign return_to and files an error for it. */
async function storedErrorId(kratosUrl) {
  const response = await fetch(`${kratosUrl}/self-service/login/browser?return_to=https://bench.invalid/`, {
    headers: BROWSER_HEADERS,
    redirect: "manual",
  });
  await response.arrayBuffer();
  const id = new URL(response.headers.get("location") ?? "", kratosUrl).searchParams.get("id");
  if (!id) throw new Error(`Kratos filed no error for a forbidden return_to (HTTP ${response.status})`);
  return id;
}

// ---------------------------------------------------------------------------
// Time to first byte.

/**
 * Sequential GETs of one page with a valid flow id, as the browser that
 * started the flow (same cookies). Time runs from just before fetch() until
 * the response headers are in; the body is read afterwards, outside the timing.
 */
async function measureTtfb(jar, url, { requests, warmup }) {
  const samples = [];
  const fullSamples = [];
  const failures = [];
  for (let index = 0; index < warmup + requests; index++) {
    const cookie = jar.headerFor(url);
    const started = performance.now();
    const response = await fetch(url, {
      headers: { ...BROWSER_HEADERS, ...(cookie ? { Cookie: cookie } : {}) },
      redirect: "manual",
    });
    const headersIn = performance.now();
    await response.arrayBuffer();
    const bodyIn = performance.now();
    if (index < warmup) continue;
    // A redirect means the flow was gone (expired, say): that is not the page we time.
    if (response.status !== 200) {
      failures.push(response.status);
      continue;
    }
    samples.push(headersIn - started);
    fullSamples.push(bodyIn - started);
  }
  if (samples.length === 0) return { samples: 0, failures };
  samples.sort((a, b) => a - b);
  fullSamples.sort((a, b) => a - b);
  const round = (ms) => Math.round(ms * 10) / 10;
  return {
    samples: samples.length,
    failures,
    p50Ms: round(percentile(samples, 50)),
    p95Ms: round(percentile(samples, 95)),
    minMs: round(samples[0]),
    maxMs: round(samples.at(-1)),
    fullResponseP50Ms: round(percentile(fullSamples, 50)),
  };
}

// ---------------------------------------------------------------------------
// Output.

const kB = (bytes) => (bytes === null || bytes === undefined ? "n/a" : `${(bytes / 1000).toFixed(1)} kB`);
const ms = (value) => (value === undefined ? "n/a" : `${Math.round(value)} ms`);

function printReport(results, config) {
  const out = (line = "") => process.stdout.write(`${line}\n`);
  out();
  out(
    `Auth pages: ${config.appUrl} (${config.mode}); JS gzip = zlib level ${GZIP_LEVEL} per file, 1 kB = 1000 bytes; ` +
      `TTFB over ${config.requests} sequential requests after ${config.warmup} warm-up`,
  );
  if (!config.build) out(`JS split: n/a (${config.noSplitReason})`);
  out();
  out(
    table(
      ["page", "js total (gzip)", "framework", "ours", "inline", "other", "ttfb p50", "ttfb p95", "full p50"],
      results.map(({ page, js, ttfb, error }) =>
        error
          ? [page, "error (see below)", "", "", "", "", "", "", ""]
          : [
              page,
              kB(js.totalGzipBytes),
              kB(js.frameworkGzipBytes),
              kB(js.oursGzipBytes),
              kB(js.inlineGzipBytes),
              kB(js.otherGzipBytes),
              ms(ttfb.p50Ms),
              ms(ttfb.p95Ms),
              ms(ttfb.fullResponseP50Ms),
            ],
      ),
    ),
  );
  for (const { page, error } of results) if (error) out(`error: ${page}: ${error}`);
  const failed = results.filter(({ ttfb }) => ttfb?.failures.length > 0);
  for (const { page, ttfb } of failed) {
    out(
      `note: ${page}: ${ttfb.failures.length} timed request(s) were not 200 (${[...new Set(ttfb.failures)].join(", ")}) and were left out`,
    );
  }

  // Every script once, with the pages that load it: where the bytes come from.
  const byPath = new Map();
  const measured = results.filter(({ js }) => js);
  for (const { page, js } of measured) {
    for (const file of js?.files ?? []) {
      const seen = byPath.get(file.path) ?? { ...file, pages: [] };
      seen.pages.push(page);
      byPath.set(file.path, seen);
    }
  }
  out();
  out(
    table(
      ["script", "raw", "gzip", "group", "why", "pages"],
      [...byPath.values()]
        .sort((a, b) => a.group.localeCompare(b.group) || b.gzipBytes - a.gzipBytes)
        .map((file) => [
          file.path + (file.loadedBy === "hydration" ? " (hydration)" : ""),
          kB(file.rawBytes),
          kB(file.gzipBytes),
          file.group,
          file.reason,
          file.pages.length === measured.length ? "all" : file.pages.join(" "),
        ]),
    ),
  );
  const skipped = new Map();
  for (const { js } of results) for (const entry of js?.skipped ?? []) skipped.set(entry.url, entry.why);
  for (const [url, why] of skipped) out(`not counted: ${url} (${why})`);

  out();
  const login = results.find((result) => result.page === "/login");
  let budget = null;
  if (login?.js) {
    const total = login.js.totalGzipBytes;
    const ours = login.js.oursGzipBytes;
    budget = {
      totalBytes: total,
      totalLimitBytes: LOGIN_BUDGET.totalBytes,
      totalMet: total <= LOGIN_BUDGET.totalBytes,
      oursBytes: ours,
      oursLimitBytes: LOGIN_BUDGET.oursBytes,
      oursMet: ours === null ? null : ours <= LOGIN_BUDGET.oursBytes,
    };
    const mark = (met) => (met === null ? "? (no split)" : met ? "✓" : "✗ over budget");
    out(
      `login budget: total ${kB(total)} ${budget.totalMet ? "≤" : ">"} ${kB(LOGIN_BUDGET.totalBytes)} ${mark(budget.totalMet)}, ` +
        `ours ${kB(ours)} ${ours === null ? "vs" : budget.oursMet ? "≤" : ">"} ${kB(LOGIN_BUDGET.oursBytes)} ${mark(budget.oursMet)}`,
    );
  }
  out(
    `BENCH_JSON ${JSON.stringify({
      version: 1,
      appUrl: config.appUrl,
      mode: config.mode,
      distDir: config.build?.distDir ?? null,
      buildId: config.build?.buildId ?? null,
      gzip: `zlib level ${GZIP_LEVEL}, per file; inline scripts together`,
      requests: config.requests,
      warmup: config.warmup,
      budget: budget && { page: "/login", ...budget },
      pages: results,
    })}`,
  );
}

// ---------------------------------------------------------------------------

async function runBench(config) {
  const { appUrl, kratosUrl, adminUrl } = config;
  const fetchCache = new Map();
  const results = [];
  const cleanups = [];

  /** Opens a page as a browser would, measures its scripts, then times its flow URL. */
  const measurePage = async (page, jar, startUrl, { expectParam }) => {
    log(`${page}: opening ${startUrl}`);
    try {
      const landed = await navigate(jar, startUrl);
      const landedUrl = new URL(landed.url);
      if (
        landed.status !== 200 ||
        landedUrl.origin !== new URL(appUrl).origin ||
        !landedUrl.searchParams.get(expectParam)
      ) {
        throw new Error(`ended at ${landed.status} ${landed.url} (via ${landed.hops.join(" → ") || "no redirect"})`);
      }
      if (config.build && !landed.html.includes(config.build.buildId)) {
        log(
          `warning: the page is not from the build in ${config.build.distDir} (BUILD_ID not in the HTML); no JS split`,
        );
        config.noSplitReason = `the running app is not the build in ${config.build.distDir}`;
        config.build = null;
      }
      const js = await measureJavaScript(landed.html, landed.url, config.build, fetchCache);
      log(`${page}: timing ${landedUrl.pathname}${landedUrl.search}`);
      const ttfb = await measureTtfb(jar, landed.url, config);
      results.push({ page, url: landedUrl.pathname + landedUrl.search, js, ttfb });
    } catch (error) {
      log(`${page}: ${error.message}`);
      results.push({ page, error: error.message });
    }
  };

  try {
    for (const flow of ["login", "registration", "verification", "recovery"]) {
      await measurePage(`/${flow}`, new CookieJar(), `${appUrl}/${flow}`, { expectParam: "flow" });
    }

    if (!adminUrl) {
      log("no admin URL: skipping /settings and /login?aal=aal2 (they need a throw-away identity)");
    } else {
      const signedIn = new CookieJar();
      const identity = await registerIdentity(signedIn, kratosUrl);
      cleanups.push(() => deleteIdentity(adminUrl, identity.id));
      log(`registered ${identity.email} for the session pages`);
      await measurePage("/settings", signedIn, `${appUrl}/settings`, { expectParam: "flow" });
      // With a second factor linked, a password-only session is aal1 and /login?aal=aal2 asks for the code.
      await enableTotp(signedIn, kratosUrl);
      const firstFactorOnly = new CookieJar();
      await signInWithPassword(firstFactorOnly, kratosUrl, identity);
      await measurePage("/login?aal=aal2", firstFactorOnly, `${appUrl}/login?aal=aal2`, { expectParam: "flow" });
    }

    const errorId = await storedErrorId(kratosUrl);
    await measurePage("/error", new CookieJar(), `${appUrl}/error?id=${errorId}`, { expectParam: "id" });
  } finally {
    for (const cleanup of cleanups) await cleanup();
  }
  printReport(results, config);
}

async function main() {
  const requests = countFromEnv("BENCH_REQUESTS", 50);
  const warmup = countFromEnv("BENCH_WARMUP", 5, { allowZero: true });

  if (process.env.BENCH_URL) {
    const appUrl = trimSlash(process.env.BENCH_URL);
    // Without BENCH_KRATOS_URL, take Kratos's browser URL from where /login sends the browser.
    let kratosUrl = process.env.BENCH_KRATOS_URL && trimSlash(process.env.BENCH_KRATOS_URL);
    if (!kratosUrl) {
      const response = await fetch(`${appUrl}/login`, { headers: BROWSER_HEADERS, redirect: "manual" });
      kratosUrl = new URL(response.headers.get("location") ?? appUrl, appUrl).origin;
    }
    const distDir = process.env.BENCH_DIST_DIR ? resolve(repoRoot, process.env.BENCH_DIST_DIR) : null;
    const build = distDir && loadBuildInfo(distDir);
    const noSplitReason = !distDir
      ? "set BENCH_DIST_DIR to the running app's build folder"
      : `no production build in ${distDir}`;
    const adminUrl = process.env.BENCH_ADMIN_URL ? trimSlash(process.env.BENCH_ADMIN_URL) : null;
    await runBench({ mode: "running stack", appUrl, kratosUrl, adminUrl, build, noSplitReason, requests, warmup });
    return;
  }

  const { ports } = OWN_STACK;
  const stack = startOwnStack(OWN_STACK);
  const stopOnSignal = (signal) => {
    void stack.stop().then(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  try {
    await stack.ready;
    const distDir = resolve(repoRoot, OWN_STACK.distDir);
    await runBench({
      mode: "own production stack",
      appUrl: `http://localhost:${ports.app}`,
      kratosUrl: `http://localhost:${ports.kratosPublic}`,
      adminUrl: `http://127.0.0.1:${ports.kratosAdmin}`,
      build: loadBuildInfo(distDir),
      noSplitReason: `no production build in ${distDir}`,
      requests,
      warmup,
    });
  } finally {
    await stack.stop();
    // `eslint .` does not ignore .next-bench, so a build left behind breaks `npm run lint`.
    if (process.env.BENCH_KEEP_BUILD === "1") log(`kept the build in ${OWN_STACK.distDir}`);
    else rmSync(resolve(repoRoot, OWN_STACK.distDir), { recursive: true, force: true });
  }
}

main().catch((error) => {
  log(`failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
});
