// Measures what the route guard (proxy.ts, lib/http/route-guard.ts) adds to a
// guarded page, and so what a short cache of whoami results could save at most:
//
// 1. Kratos's /sessions/whoami as the app server sees it (this process, keep-alive, 127.0.0.1):
//    what one guard check costs on a cache miss.
// 2. TTFB of /sessions (guarded) and / (not guarded: the control) on two `next start`
//    processes of the same build, one with the guard on (default PROTECTED_ROUTES)
//    and one with PROTECTED_ROUTES pointing at a path nothing uses. The difference
//    is the guard's added latency on a miss, the most a cache hit could save.
// 3. What a cache hit would still cost: SHA-256 of the cookie plus a Map lookup, in µs.
//
//   node bench/guard.mjs            # builds and starts its own stack, and the unguarded server
//
// It prints figures and never fails on them; see bench/README.md. Progress goes
// to stderr, results to stdout (a table, a conclusion, then one BENCH_JSON line).
import { spawn } from "node:child_process";
import { createHash, webcrypto } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { signalAll, treeOf } from "../scripts/process-tree.mjs";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { BROWSER_HEADERS, countFromEnv, log, percentile, repoRoot, table, trimSlash } from "./lib/common.mjs";
import { CookieJar, deleteIdentity, registerIdentity } from "./lib/kratos-browser.mjs";
import { assertPortsFree, buildSideEffects, startOwnStack } from "./lib/own-stack.mjs";

// Its own ports, state folder and build folder: beside ./stack up (3000), the
// e2e stacks (3100, 3300, 3500) and bench/auth-pages.mjs (3200).
const OWN_STACK = {
  ports: { app: 3210, kratosPublic: 4643, kratosAdmin: 4644, smtp: 1235, mailWeb: 1290 },
  unguardedPort: 3211,
  stackDir: ".stack/bench-guard",
  distDir: ".next-bench-guard",
  startTimeoutMs: 15 * 60_000,
};

// The unguarded server's PROTECTED_ROUTES: a valid prefix that no page has, so the
// proxy still runs (CSP, headers) and only the guard's whoami is missing.
const UNGUARDED_ROUTES = "/__bench-unguarded";
// The environment the guard reads for itself; the guarded server must use the defaults.
const GUARD_VARIABLES = ["PROTECTED_ROUTES", "GUARD_TIMEOUT_MS"];

const GUARDED_PAGE = "/sessions";
const CONTROL_PAGE = "/";

// The cache-hit micro-benchmark: a Map as full as a busy instance's, timed in batches.
const CACHE_ENTRIES = 10_000;
const HIT_BATCHES = 40;
const HIT_BATCH_SIZE = 2_000;

// ---------------------------------------------------------------------------
// The unguarded server: a second `next start` of the same build.

/** Same build and environment as the stack's Next, but its own port and PROTECTED_ROUTES. */
async function startUnguardedServer({ port, ports, stackDir, distDir }) {
  const logDir = resolve(repoRoot, stackDir, "logs");
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, "next-unguarded.log");
  const output = openSync(logFile, "a");
  // What scripts/stack.mjs gives its Next, with this server's own origin.
  const env = {
    ...process.env,
    APP_PORT: String(port),
    STACK_DIR: stackDir,
    NEXT_DIST_DIR: distDir,
    APP_URL: `http://localhost:${port}`,
    KRATOS_PUBLIC_URL: `http://127.0.0.1:${ports.kratosPublic}`,
    KRATOS_BROWSER_URL: `http://localhost:${ports.kratosPublic}`,
    KRATOS_ADMIN_URL: `http://127.0.0.1:${ports.kratosAdmin}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  for (const name of ["DSN", ...GUARD_VARIABLES]) delete env[name];
  env.PROTECTED_ROUTES = UNGUARDED_ROUTES;
  log(`starting the unguarded server on ${port} (PROTECTED_ROUTES=${UNGUARDED_ROUTES}; log ${logFile})...`);
  const nextBin = join(repoRoot, "node_modules", "next", "dist", "bin", "next");
  // Not detached: setsid would put it in a scheduling group of its own (Linux autogroup),
  // and under load it would then get the CPU differently from the stack's Next.
  const child = spawn(process.execPath, [nextBin, "start", "--port", String(port)], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", output, output],
  });
  closeSync(output); // the child has its own copy
  const exited = new Promise((done) => child.once("exit", (code, signal) => done(signal ?? code)));
  const running = () => child.exitCode === null && child.signalCode === null;
  const server = {
    url: `http://localhost:${port}`,
    async stop() {
      if (!running()) return;
      log("stopping the unguarded server...");
      // The server and whatever it started, found before the first signal; nothing else.
      const tree = treeOf(child.pid);
      signalAll(tree, "SIGTERM");
      const gone = await Promise.race([
        exited.then(() => true),
        new Promise((done) => setTimeout(done, 10_000, false)),
      ]);
      if (!gone) signalAll(tree, "SIGKILL");
    },
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (!running()) throw new Error(`the unguarded server exited (${await exited}); see ${logFile}`);
    try {
      const response = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  await server.stop();
  throw new Error(`the unguarded server did not answer /api/health within 120 s; see ${logFile}`);
}

// ---------------------------------------------------------------------------
// Timing.

/** One GET over the keep-alive pool: ms until the headers, and until the last body byte. */
async function timeGet(url, headers) {
  const started = performance.now();
  const response = await fetch(url, { headers, redirect: "manual" });
  const headersIn = performance.now();
  await response.arrayBuffer();
  return { status: response.status, ttfbMs: headersIn - started, fullMs: performance.now() - started };
}

function shuffle(items) {
  const shuffled = [...items];
  for (let index = shuffled.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1));
    [shuffled[index], shuffled[other]] = [shuffled[other], shuffled[index]];
  }
  return shuffled;
}

const round1 = (value) => (value === undefined ? undefined : Math.round(value * 10) / 10);

function summarize(samples) {
  if (samples.length === 0) return { samples: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50Ms: round1(percentile(sorted, 50)),
    p95Ms: round1(percentile(sorted, 95)),
    minMs: round1(sorted[0]),
    maxMs: round1(sorted.at(-1)),
  };
}

/**
 * Rounds of sequential requests, one per target, in a fresh random order each
 * round, so that the machine's changing load falls on every target alike.
 * A target's "metric" picks what counts: "ttfbMs" for pages, "fullMs" for
 * whoami (the guard reads the whole answer before it decides).
 */
async function measureRounds(targets, { requests, warmup }) {
  const byKey = new Map(targets.map((target) => [target.key, { values: [], full: [], failures: [], perRound: [] }]));
  const load = [];
  for (let round = 0; round < warmup + requests; round++) {
    if (round === warmup) log(`timing ${requests} rounds of ${targets.length} requests...`);
    for (const target of shuffle(targets)) {
      const timing = await timeGet(target.url, target.headers);
      if (round < warmup) continue;
      const series = byKey.get(target.key);
      const ok = timing.status === 200;
      if (!ok) series.failures.push(timing.status);
      else {
        series.values.push(timing[target.metric]);
        series.full.push(timing.fullMs);
      }
      series.perRound.push(ok ? timing[target.metric] : null);
    }
    if (round >= warmup) load.push(loadavg()[0]);
  }
  const results = {};
  for (const [key, series] of byKey) {
    results[key] = { ...summarize(series.values), fullP50Ms: summarize(series.full).p50Ms, failures: series.failures };
    results[key].perRound = series.perRound;
  }
  return { results, maxLoad1m: load.length > 0 ? Math.max(...load) : undefined };
}

/** Per-round differences on − off where both answered 200: their median is robust to drifting load. */
function pairedMedian(on, off) {
  const differences = on.perRound.flatMap((value, index) =>
    value === null || off.perRound[index] === null ? [] : [value - off.perRound[index]],
  );
  if (differences.length === 0) return { pairs: 0 };
  differences.sort((a, b) => a - b);
  return { pairs: differences.length, p50Ms: round1(percentile(differences, 50)) };
}

// ---------------------------------------------------------------------------
// What a cache hit would still cost.

/**
 * Per-operation µs of what a hit does before it can answer: hash the raw Cookie
 * header (SHA-256, base64url), look the key up in a Map of CACHE_ENTRIES, and
 * check the entry's expiry. With node:crypto (synchronous) and with WebCrypto's
 * subtle.digest (asynchronous; the guard keeps to Web APIs).
 */
async function measureCacheHit(cookie) {
  const keyOf = (value) => createHash("sha256").update(value).digest("base64url");
  const encoder = new TextEncoder();
  const webKeyOf = async (value) =>
    Buffer.from(await webcrypto.subtle.digest("SHA-256", encoder.encode(value))).toString("base64url");
  if ((await webKeyOf(cookie)) !== keyOf(cookie)) throw new Error("node:crypto and WebCrypto disagree on SHA-256");

  const expiresAt = Date.now() + 60_000;
  const cache = new Map();
  for (let index = 0; index < CACHE_ENTRIES - 1; index++) cache.set(keyOf(`${cookie}#${index}`), { expiresAt });
  cache.set(keyOf(cookie), { expiresAt });
  const check = (entry) => {
    if (!entry || entry.expiresAt <= Date.now()) throw new Error("the micro-benchmark missed its own entry");
  };

  const perOperation = async (operation) => {
    const batches = [];
    for (let batch = 0; batch < HIT_BATCHES + 5; batch++) {
      const started = performance.now();
      for (let index = 0; index < HIT_BATCH_SIZE; index++) await operation();
      // The first batches warm up the JIT and are left out.
      if (batch >= 5) batches.push(((performance.now() - started) * 1000) / HIT_BATCH_SIZE);
    }
    batches.sort((a, b) => a - b);
    return { p50Us: round1(percentile(batches, 50)), p95Us: round1(percentile(batches, 95)) };
  };
  // The synchronous version is timed without an await in the loop.
  const syncBatches = [];
  for (let batch = 0; batch < HIT_BATCHES + 5; batch++) {
    const started = performance.now();
    for (let index = 0; index < HIT_BATCH_SIZE; index++) check(cache.get(keyOf(cookie)));
    if (batch >= 5) syncBatches.push(((performance.now() - started) * 1000) / HIT_BATCH_SIZE);
  }
  syncBatches.sort((a, b) => a - b);
  return {
    cookieBytes: Buffer.byteLength(cookie),
    mapEntries: cache.size,
    operationsPerBatch: HIT_BATCH_SIZE,
    batches: HIT_BATCHES,
    nodeCrypto: { p50Us: round1(percentile(syncBatches, 50)), p95Us: round1(percentile(syncBatches, 95)) },
    webCrypto: await perOperation(async () => check(cache.get(await webKeyOf(cookie)))),
  };
}

// ---------------------------------------------------------------------------
// Checks that the two servers are what the comparison assumes.

async function checkSetup(config, cookie) {
  const get = async (url, headers) => {
    const response = await fetch(url, { headers: { ...BROWSER_HEADERS, ...headers }, redirect: "manual" });
    return { status: response.status, location: response.headers.get("location"), html: await response.text() };
  };
  for (const [name, url] of [
    ["guarded", config.appUrl],
    ["unguarded", config.unguardedUrl],
  ]) {
    if (!url) continue;
    for (const page of [GUARDED_PAGE, CONTROL_PAGE]) {
      const signedIn = await get(`${url}${page}`, { Cookie: cookie });
      if (signedIn.status !== 200) {
        throw new Error(`${name} ${url}${page} answered ${signedIn.status} for the signed-in identity (expected 200)`);
      }
      if (config.buildId && !signedIn.html.includes(config.buildId)) {
        throw new Error(`${name} ${url}${page} is not from the build in ${config.distDir}`);
      }
    }
  }
  // Without a cookie the guard answers 303 itself, without asking Kratos; the
  // page's own check answers differently (Next's redirect() is a 307).
  const anonymous = await get(`${config.appUrl}${GUARDED_PAGE}`);
  const target = anonymous.location ? new URL(anonymous.location, config.appUrl) : null;
  if (anonymous.status !== 303 || target?.pathname !== "/login" || !target.searchParams.has("return_to")) {
    throw new Error(
      `the guard does not seem to run on ${config.appUrl}${GUARDED_PAGE} (${anonymous.status} ${anonymous.location})`,
    );
  }
  if (config.unguardedUrl) {
    const unguarded = await get(`${config.unguardedUrl}${GUARDED_PAGE}`);
    if (unguarded.status === 303) {
      throw new Error(`the guard seems to run on ${config.unguardedUrl}${GUARDED_PAGE} too (303 without a cookie)`);
    }
  }
}

// ---------------------------------------------------------------------------
// Output.

const msText = (value, { signed = false } = {}) =>
  value === undefined ? "n/a" : `${signed && value > 0 ? "+" : ""}${value.toFixed(1)} ms`;
const usText = (value) => (value === undefined ? "n/a" : `${value.toFixed(1)} µs`);
const loadText = (values) => values.map((value) => value.toFixed(2)).join(" / ");

function difference(on, off) {
  if (!on?.samples || !off?.samples) return undefined;
  return {
    p50Ms: round1(on.p50Ms - off.p50Ms),
    p95Ms: round1(on.p95Ms - off.p95Ms),
    minMs: round1(on.minMs - off.minMs),
    paired: pairedMedian(on, off),
  };
}

function conclusionOf({ whoami, pages, cacheHit }) {
  const guarded = pages[GUARDED_PAGE];
  const added = guarded.added;
  if (!added) {
    return `no unguarded server to compare with: a guard check costs one whoami, ${msText(whoami.p50Ms)} p50 from here; a cache hit ${usText(cacheHit.nodeCrypto.p50Us)}`;
  }
  const control = pages[CONTROL_PAGE].added?.p50Ms;
  const withinNoise = control !== undefined && Math.abs(added.p50Ms) <= Math.abs(control);
  const context =
    `paired ${msText(added.paired.p50Ms, { signed: true })}; a direct whoami takes ${msText(whoami.p50Ms)}` +
    (control === undefined
      ? ""
      : `; ${withinNoise ? "within the noise: " : ""}the control ${CONTROL_PAGE} differs by ${msText(control, { signed: true })}`);
  if (added.p50Ms <= 0 || withinNoise) {
    return `the guard adds no measurable latency to ${GUARDED_PAGE} at p50 (${msText(added.p50Ms, { signed: true })}; ${context}); a whoami cache would have nothing to save`;
  }
  const share = Math.round((added.p50Ms / guarded.on.p50Ms) * 100);
  return (
    `the guard adds ${msText(added.p50Ms)} p50 to ${GUARDED_PAGE} (${share}% of its ${msText(guarded.on.p50Ms)} TTFB; ${context}); ` +
    `a cache hit would cost ${usText(cacheHit.nodeCrypto.p50Us)} (${usText(cacheHit.webCrypto.p50Us)} with WebCrypto), ` +
    `so a cache could save at most ~${msText(added.p50Ms)} per guarded request`
  );
}

function printReport(report) {
  const out = (line = "") => process.stdout.write(`${line}\n`);
  const { config, whoami, pages, cacheHit } = report;
  out();
  out(
    `Route guard: guard on ${config.appUrl} vs off ${config.unguardedUrl ?? "(none)"}` +
      `${config.unguardedUrl ? ` (PROTECTED_ROUTES=${UNGUARDED_ROUTES})` : ""} (${config.mode}); ` +
      `${config.requests} rounds after ${config.warmup} warm-up, one request per row per round in random order, sequential over keep-alive`,
  );
  out(
    `load average (1/5/15 min): ${loadText(report.load.start)} at start, ${loadText(report.load.end)} at end, ` +
      `1-min max ${report.load.maxDuring1m?.toFixed(2) ?? "n/a"} while timing; ${report.load.cpus} CPUs`,
  );
  out();
  const rows = [
    ["Kratos whoami from this process (full answer)", whoami],
    ...[GUARDED_PAGE, CONTROL_PAGE].flatMap((page) => {
      const { on, off, added } = pages[page];
      const note = page === CONTROL_PAGE ? " (not guarded: control)" : "";
      return [
        [`${page} TTFB, guard on${note}`, on],
        [`${page} TTFB, guard off`, off],
        [`${page} added by the guard (on - off)`, added, true],
      ];
    }),
  ];
  out(
    table(
      ["measure", "p50", "p95", "paired p50", "min", "n"],
      [
        ...rows.map(([label, figures, isDifference]) =>
          !figures
            ? [label, "n/a", "", "", "", ""]
            : isDifference
              ? [
                  label,
                  msText(figures.p50Ms, { signed: true }),
                  msText(figures.p95Ms, { signed: true }),
                  msText(figures.paired.p50Ms, { signed: true }),
                  msText(figures.minMs, { signed: true }),
                  figures.paired.pairs,
                ]
              : [label, msText(figures.p50Ms), msText(figures.p95Ms), "", msText(figures.minMs), figures.samples],
        ),
        [
          "cache hit: SHA-256 (node:crypto) + Map.get",
          usText(cacheHit.nodeCrypto.p50Us),
          usText(cacheHit.nodeCrypto.p95Us),
          "",
          "",
          cacheHit.batches * cacheHit.operationsPerBatch,
        ],
        [
          "cache hit: SHA-256 (WebCrypto) + Map.get",
          usText(cacheHit.webCrypto.p50Us),
          usText(cacheHit.webCrypto.p95Us),
          "",
          "",
          cacheHit.batches * cacheHit.operationsPerBatch,
        ],
      ],
    ),
  );
  out(
    `cache hit: a ${cacheHit.cookieBytes}-byte Cookie header, a Map of ${cacheHit.mapEntries} entries; ` +
      `p50/p95 over ${cacheHit.batches} batches of ${cacheHit.operationsPerBatch}`,
  );
  for (const [key, figures] of Object.entries({ whoami, ...flattenPages(pages) })) {
    if (figures?.failures?.length > 0) {
      out(
        `note: ${key}: ${figures.failures.length} timed request(s) were not 200 (${[...new Set(figures.failures)].join(", ")}) and were left out`,
      );
    }
  }
  out();
  out(`conclusion: ${report.conclusion}`);
  const strip = (figures) => {
    if (!figures) return null;
    const rest = { ...figures };
    delete rest.perRound;
    return rest;
  };
  out(
    `BENCH_JSON ${JSON.stringify({
      version: 1,
      mode: config.mode,
      appUrl: config.appUrl,
      unguardedUrl: config.unguardedUrl,
      unguardedProtectedRoutes: config.unguardedUrl ? UNGUARDED_ROUTES : null,
      kratosPublicUrl: config.kratosPublicUrl,
      buildId: config.buildId ?? null,
      requests: config.requests,
      warmup: config.warmup,
      load: report.load,
      whoami: strip(whoami),
      pages: Object.fromEntries(
        Object.entries(pages).map(([page, { on, off, added }]) => [
          page,
          { guarded: page === GUARDED_PAGE, on: strip(on), off: strip(off), added: added ?? null },
        ]),
      ),
      cacheHit,
      conclusion: report.conclusion,
    })}`,
  );
}

function flattenPages(pages) {
  return Object.fromEntries(
    Object.entries(pages).flatMap(([page, { on, off }]) => [
      [`${page} guard on`, on],
      [`${page} guard off`, off],
    ]),
  );
}

// ---------------------------------------------------------------------------

async function runBench(config, cleanups) {
  const jar = new CookieJar();
  const identity = await registerIdentity(jar, config.kratosUrl);
  cleanups.push(() => deleteIdentity(config.adminUrl, identity.id));
  log(`registered ${identity.email}`);
  // What a browser sends the app (Kratos's cookies ignore ports): the header the guard forwards to whoami.
  const cookie = jar.headerFor(config.appUrl);
  await checkSetup(config, cookie);

  const targets = [
    {
      key: "whoami",
      url: `${config.kratosPublicUrl}/sessions/whoami`,
      headers: { Accept: "application/json", Cookie: cookie },
      metric: "fullMs",
    },
  ];
  for (const page of [GUARDED_PAGE, CONTROL_PAGE]) {
    const headers = { ...BROWSER_HEADERS, Cookie: cookie };
    targets.push({ key: `${page} on`, url: `${config.appUrl}${page}`, headers, metric: "ttfbMs" });
    if (config.unguardedUrl) {
      targets.push({ key: `${page} off`, url: `${config.unguardedUrl}${page}`, headers, metric: "ttfbMs" });
    }
  }
  const loadStart = loadavg();
  const { results, maxLoad1m } = await measureRounds(targets, config);
  const loadEnd = loadavg();
  log("timing a cache hit in this process...");
  const cacheHit = await measureCacheHit(cookie);

  const pages = {};
  for (const page of [GUARDED_PAGE, CONTROL_PAGE]) {
    const on = results[`${page} on`];
    const off = results[`${page} off`];
    pages[page] = { on, off, added: difference(on, off) };
  }
  const report = {
    config,
    whoami: results.whoami,
    pages,
    cacheHit,
    load: { start: loadStart, end: loadEnd, maxDuring1m: maxLoad1m, cpus: availableParallelism() },
  };
  report.conclusion = conclusionOf(report);
  printReport(report);
}

async function main() {
  const requests = countFromEnv("BENCH_REQUESTS", 100);
  const warmup = countFromEnv("BENCH_WARMUP", 10, { allowZero: true });

  const cleanups = [];
  let cleaning;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      while (cleanups.length > 0) {
        try {
          await cleanups.pop()();
        } catch (error) {
          log(`warning: clean-up step failed: ${error.message}`);
        }
      }
    })());
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ]) {
    process.once(signal, () => void cleanUp().then(() => process.exit(code)));
  }

  try {
    if (process.env.BENCH_URL) {
      const missing = ["BENCH_KRATOS_URL", "BENCH_ADMIN_URL"].filter((name) => !process.env[name]);
      if (missing.length > 0) {
        throw new Error(`with BENCH_URL, set ${missing.join(" and ")} too (see bench/README.md)`);
      }
      const kratosUrl = trimSlash(process.env.BENCH_KRATOS_URL);
      await runBench(
        {
          mode: "running servers",
          appUrl: trimSlash(process.env.BENCH_URL),
          unguardedUrl: process.env.BENCH_UNGUARDED_URL ? trimSlash(process.env.BENCH_UNGUARDED_URL) : null,
          kratosUrl,
          kratosPublicUrl: trimSlash(process.env.BENCH_KRATOS_PUBLIC_URL || kratosUrl),
          adminUrl: trimSlash(process.env.BENCH_ADMIN_URL),
          requests,
          warmup,
        },
        cleanups,
      );
      return;
    }

    const { ports, unguardedPort, stackDir, distDir } = OWN_STACK;
    await assertPortsFree([...Object.values(ports), unguardedPort]);
    const sideEffects = buildSideEffects(distDir);
    sideEffects.snapshot();
    cleanups.push(() => {
      sideEffects.undo();
      // Only for this run: a large folder that lint and type checks need not see.
      if (process.env.BENCH_KEEP_BUILD === "1") log(`kept the build in ${distDir}`);
      else rmSync(resolve(repoRoot, distDir), { recursive: true, force: true });
    });
    const stack = startOwnStack({ ...OWN_STACK, unset: GUARD_VARIABLES });
    cleanups.push(() => stack.stop());
    await stack.ready;
    sideEffects.undo();
    const unguarded = await startUnguardedServer({ port: unguardedPort, ports, stackDir, distDir });
    cleanups.push(() => unguarded.stop());
    await runBench(
      {
        mode: "own production stack",
        appUrl: `http://localhost:${ports.app}`,
        unguardedUrl: unguarded.url,
        kratosUrl: `http://localhost:${ports.kratosPublic}`,
        kratosPublicUrl: `http://127.0.0.1:${ports.kratosPublic}`,
        adminUrl: `http://127.0.0.1:${ports.kratosAdmin}`,
        distDir,
        buildId: readFileSync(resolve(repoRoot, distDir, "BUILD_ID"), "utf8").trim(),
        requests,
        warmup,
      },
      cleanups,
    );
  } finally {
    await cleanUp();
  }
}

main().catch((error) => {
  log(`failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
});
