// Server cost per page: our Next server against a minimal Node server doing the
// least any UI must do (bench/baseline-server.mjs) and against Next's own floor
// (an empty dynamic page behind the same proxy.ts, app/bench-floor). All three
// talk to the same Kratos, and requests alternate between them, so a busy
// machine slows all three alike: read the ratios, not the milliseconds.
//
//   npm run bench:server                      # builds and starts its own stack
//   BENCH_URL=http://localhost:7200 BENCH_KRATOS_URL=http://localhost:7233 \
//   BENCH_ADMIN_URL=http://127.0.0.1:7234 npm run bench:server   # a running stack (started with BENCH_FLOOR=1)
//
// Progress goes to stderr, results to stdout (tables, then one BENCH_JSON line).
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { BROWSER_HEADERS, countFromEnv, log, percentile, repoRoot, table, trimSlash } from "./lib/common.mjs";
import { CookieJar, deleteIdentity, kratosJson, registerIdentity } from "./lib/kratos-browser.mjs";
import { assertPortsFree, buildSideEffects, startOwnStack } from "./lib/own-stack.mjs";

const OWN_STACK = {
  ports: { app: 7200, kratosPublic: 7233, kratosAdmin: 7234, smtp: 7225, mailWeb: 7280 },
  stackDir: ".stack/bench-server",
  distDir: ".next-bench-server",
  startTimeoutMs: 20 * 60_000,
};
const BASELINE_PORT = countFromEnv("BENCH_BASELINE_PORT", 7201);
const ALL_PAGES = ["login", "registration", "settings"];
// BENCH_PAGES=login keeps an A/B run short on a shared machine.
const PAGES = (process.env.BENCH_PAGES || ALL_PAGES.join(","))
  .split(",")
  .map((page) => page.trim())
  .filter(Boolean);
for (const page of PAGES) {
  if (!ALL_PAGES.includes(page)) throw new Error(`BENCH_PAGES: unknown page "${page}" (${ALL_PAGES.join(", ")})`);
}
// BENCH_B_URL: a second build or configuration of ours ("B"), in the same rounds, for an A/B of one change.
// floorFlow: Next's empty page that also reads the same flow from Kratos (app/bench-floor), the
// least a Next page showing a flow must cost; the floor itself makes no Kratos call.
const TARGETS = ["ours", "baseline", "floor", "floorFlow", ...(process.env.BENCH_B_URL ? ["oursB"] : [])];
const emptyPerTarget = () => Object.fromEntries(TARGETS.map((target) => [target, []]));

// ---------------------------------------------------------------------------
// Resident memory, from /proc (Linux).

function processTable() {
  const table = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name may hold spaces and parentheses: the fields start after the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ");
      table.set(Number(entry), { ppid, cmdline });
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return table;
}

/** The pid listening on a TCP port, found through the socket's inode. */
function listenerPid(port) {
  const inodes = new Set();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      // State 0A is LISTEN; the local address ends in the port in hex.
      if (fields[3] === "0A" && parseInt(fields[1]?.split(":").at(-1) ?? "", 16) === port) inodes.add(fields[9]);
    }
  }
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds = [];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const link = readlinkSync(`/proc/${entry}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
        if (inode && inodes.has(inode)) return Number(entry);
      } catch {
        // Closed meanwhile.
      }
    }
  }
  return null;
}

function rssKiB(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * The Next server's process tree: from the process listening on the app port,
 * up through parents that are still Next (`next start` may keep a parent), then
 * every descendant. Returns the pids, so each sample sums the same tree.
 */
function nextServerTree(appPort) {
  const listener = listenerPid(appPort);
  if (!listener) return null;
  const processes = processTable();
  let root = listener;
  for (;;) {
    const parent = processes.get(processes.get(root)?.ppid);
    // Only a Next process: the stack script's command line says "--next=prod" too, and its other
    // children (Kratos, MailDev) are not the app's memory.
    if (!parent || !/next-server|next\/dist\/bin\/next|\bnext (start|dev)\b/.test(parent.cmdline)) break;
    root = processes.get(root).ppid;
  }
  const tree = [root];
  for (let index = 0; index < tree.length; index++) {
    for (const [pid, info] of processes) if (info.ppid === tree[index]) tree.push(pid);
  }
  return tree;
}

const mib = (kib) => Math.round(kib / 1024);

// ---------------------------------------------------------------------------
// Requests.

/** A fresh browser flow at Kratos, as the jar's browser; its cookies stay in the jar. */
async function freshFlow(jar, kratosUrl, page) {
  const flow = await kratosJson(jar, `${kratosUrl}/self-service/${page}/browser`);
  if (flow.status !== 200) throw new Error(`${page} flow: HTTP ${flow.status}`);
  return flow.body.id;
}

function targetUrl(target, page, flowId, urls) {
  if (target === "floor") return `${urls.app}/bench-floor`;
  if (target === "floorFlow") return `${urls.app}/bench-floor?kind=${page}&flow=${encodeURIComponent(flowId)}`;
  const origin = { ours: urls.app, oursB: urls.b, baseline: urls.baseline }[target];
  return `${origin}/${page}?flow=${encodeURIComponent(flowId)}`;
}

/** One GET as the jar's browser, timed until the whole body is in (pages stream). */
async function timedGet(jar, url) {
  const cookie = jar.headerFor(url);
  const started = performance.now();
  const response = await fetch(url, {
    headers: { ...BROWSER_HEADERS, ...(cookie ? { Cookie: cookie } : {}) },
    redirect: "manual",
  });
  const body = await response.text();
  return { ms: performance.now() - started, status: response.status, body };
}

/** Runs `task` over `items` with `concurrency` workers; resolves with the results in order. */
async function pool(items, concurrency, task) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

const rotate = (list, by) => list.map((_, index) => list[(index + by) % list.length]);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? percentile(sorted, 50) : NaN;
};

/** Input names of a page, to check the baseline renders the same fields as ours. */
const fieldNames = (html) =>
  new Set([...html.matchAll(/<(?:input|button)\b[^>]*?\bname="([^"]*)"/g)].map((match) => match[1]));

// ---------------------------------------------------------------------------

async function runBench({ urls, kratosUrl, adminUrl, appPort, baselinePid, config }) {
  const jars = { login: new CookieJar(), registration: new CookieJar(), settings: new CookieJar() };
  // Only /settings needs a signed-in browser (and an identity to delete afterwards).
  const identity = PAGES.includes("settings") ? await registerIdentity(jars.settings, kratosUrl) : null;
  if (identity) log(`registered ${identity.email} for /settings`);
  const memory = [];
  const sampleMemory = (when) => {
    const tree = nextServerTree(appPort);
    const nextKiB = tree ? tree.reduce((sum, pid) => sum + rssKiB(pid), 0) : null;
    memory.push({ when, nextMiB: nextKiB === null ? null : mib(nextKiB), baselineMiB: mib(rssKiB(baselinePid)) });
  };

  try {
    // Same fields: ours and the baseline render one flow each; compare their input names.
    const fieldCheck = [];
    for (const page of PAGES) {
      const id = await freshFlow(jars[page], kratosUrl, page);
      const ours = await timedGet(jars[page], targetUrl("ours", page, id, urls));
      const baseline = await timedGet(jars[page], targetUrl("baseline", page, id, urls));
      const floor = await timedGet(jars[page], targetUrl("floor", page, id, urls));
      const floorFlow = await timedGet(jars[page], targetUrl("floorFlow", page, id, urls));
      for (const [name, answer] of Object.entries({ ours, baseline, floor, floorFlow })) {
        if (answer.status !== 200) throw new Error(`${name} /${page}: HTTP ${answer.status}, expected 200`);
      }
      if (!floorFlow.body.includes("floor and flow"))
        throw new Error(`floorFlow /${page}: Kratos did not give the flow`);
      const a = fieldNames(ours.body);
      const b = fieldNames(baseline.body);
      fieldCheck.push({
        page,
        onlyOurs: [...a].filter((name) => !b.has(name)),
        onlyBaseline: [...b].filter((name) => !a.has(name)),
      });
    }
    sampleMemory("before");

    // 1 client: request by request, the three targets in turn (the order rotates), each with a fresh flow.
    const latency = {};
    for (const page of PAGES) {
      log(`/${page}: ${config.requests} requests per target at 1 client (plus ${config.warmup} warm-up)`);
      const samples = emptyPerTarget();
      const failures = emptyPerTarget();
      for (let index = 0; index < config.warmup + config.requests; index++) {
        for (const target of rotate(TARGETS, index)) {
          const id = target === "floor" ? null : await freshFlow(jars[page], kratosUrl, page);
          const answer = await timedGet(jars[page], targetUrl(target, page, id, urls));
          if (index < config.warmup) continue;
          if (answer.status === 200) samples[target].push(answer.ms);
          else failures[target].push(answer.status);
        }
      }
      latency[page] = Object.fromEntries(
        TARGETS.map((target) => {
          const sorted = samples[target].sort((x, y) => x - y);
          return [
            target,
            { p50: percentile(sorted, 50), p95: percentile(sorted, 95), n: sorted.length, failures: failures[target] },
          ];
        }),
      );
    }

    // 8 clients: rounds of bursts, the targets in turn within each round. Each burst's flows are
    // made beforehand (untimed), so the burst times our servers, not flow creation.
    const perBurst = config.concurrency * config.perClient;
    const throughput = Object.fromEntries(PAGES.map((page) => [page, emptyPerTarget()]));
    for (let round = 0; round < config.rounds; round++) {
      log(
        `load round ${round + 1}/${config.rounds}: ${perBurst} requests per target and page, ${config.concurrency} clients`,
      );
      for (const page of PAGES) {
        for (const target of rotate(TARGETS, round)) {
          const ids =
            target === "floor"
              ? new Array(perBurst).fill(null)
              : await pool(new Array(perBurst).fill(0), 4, () => freshFlow(jars[page], kratosUrl, page));
          let failed = 0;
          const started = performance.now();
          await pool(ids, config.concurrency, async (id) => {
            const answer = await timedGet(jars[page], targetUrl(target, page, id, urls));
            if (answer.status !== 200) failed++;
          });
          const seconds = (performance.now() - started) / 1000;
          throughput[page][target].push({ rps: (perBurst - failed) / seconds, failed });
        }
      }
      sampleMemory(`after round ${round + 1}`);
    }
    printReport({ latency, throughput, memory, fieldCheck, config, urls });
  } finally {
    if (adminUrl && identity) await deleteIdentity(adminUrl, identity.id);
  }
}

function printReport({ latency, throughput, memory, fieldCheck, config, urls }) {
  const out = (line = "") => process.stdout.write(`${line}\n`);
  const ms = (value) => (value === undefined ? "n/a" : value.toFixed(1));
  const ratio = (value) => (Number.isFinite(value) ? `×${value.toFixed(2)}` : "n/a");
  out();
  out(
    `Server cost per page: ours ${urls.app}, baseline ${urls.baseline}, floor ${urls.app}/bench-floor; same Kratos. ` +
      `Load average at the end: ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}.`,
  );
  out(
    `1 client: ${config.requests} alternating requests per target (fresh flow each, full body timed). ` +
      `${config.concurrency} clients: ${config.rounds} rounds × ${config.concurrency * config.perClient} requests per target; ` +
      `rps is the median over rounds, ratios are the median of each round's ratio.`,
  );
  out();
  const rows = [];
  const summary = {};
  for (const page of PAGES) {
    const l = latency[page];
    const rounds = throughput[page];
    const rps = Object.fromEntries(TARGETS.map((target) => [target, median(rounds[target].map((run) => run.rps))]));
    const roundRatio = (other, of = "ours") =>
      median(rounds[of].map((run, index) => run.rps / rounds[other][index].rps).filter(Number.isFinite));
    summary[page] = {
      latencyMs: l,
      rps,
      ratios: {
        p50OursOverBaseline: l.ours.p50 / l.baseline.p50,
        p50OursOverFloor: l.ours.p50 / l.floor.p50,
        rpsOursOverBaseline: roundRatio("baseline"),
        rpsOursOverFloor: roundRatio("floor"),
        p50OursOverFloorFlow: l.ours.p50 / l.floorFlow.p50,
        rpsOursOverFloorFlow: roundRatio("floorFlow"),
        p50FloorOverBaseline: l.floor.p50 / l.baseline.p50,
        rpsFloorOverBaseline: roundRatio("baseline", "floor"),
        ...(TARGETS.includes("oursB") && {
          p50BOverOurs: l.oursB.p50 / l.ours.p50,
          p50BOverBaseline: l.oursB.p50 / l.baseline.p50,
          rpsBOverOurs: roundRatio("ours", "oursB"),
          rpsBOverBaseline: roundRatio("baseline", "oursB"),
        }),
      },
      rounds,
    };
    const r = summary[page].ratios;
    rows.push([
      `/${page}`,
      `${ms(l.ours.p50)} / ${ms(l.ours.p95)}`,
      `${ms(l.baseline.p50)} / ${ms(l.baseline.p95)}`,
      `${ms(l.floor.p50)} / ${ms(l.floor.p95)}`,
      ratio(r.p50OursOverBaseline),
      ratio(r.p50OursOverFloor),
      `${rps.ours.toFixed(1)}`,
      `${rps.baseline.toFixed(1)}`,
      `${rps.floor.toFixed(1)}`,
      ratio(r.rpsOursOverBaseline),
      ratio(r.rpsOursOverFloor),
    ]);
  }
  out(
    table(
      [
        "page",
        "ours p50/p95 ms",
        "baseline",
        "floor",
        "p50 ours/base",
        "p50 ours/floor",
        "rps ours",
        "baseline",
        "floor",
        "rps ours/base",
        "rps ours/floor",
      ],
      rows,
    ),
  );
  out();
  out("Against the floor that reads the flow too, and the floor against the baseline (what Next alone costs):");
  out(
    table(
      [
        "page",
        "floor+flow p50/p95 ms",
        "rps floor+flow",
        "p50 ours/floor+flow",
        "rps ours/floor+flow",
        "p50 floor/base",
        "rps floor/base",
      ],
      PAGES.map((page) => {
        const { latencyMs: l, rps, ratios: r } = summary[page];
        return [
          `/${page}`,
          `${ms(l.floorFlow.p50)} / ${ms(l.floorFlow.p95)}`,
          `${rps.floorFlow.toFixed(1)}`,
          ratio(r.p50OursOverFloorFlow),
          ratio(r.rpsOursOverFloorFlow),
          ratio(r.p50FloorOverBaseline),
          ratio(r.rpsFloorOverBaseline),
        ];
      }),
    ),
  );
  if (TARGETS.includes("oursB")) {
    out();
    out(`A/B: ours (A) ${urls.app} against B ${urls.b}, in the same rounds`);
    out(
      table(
        ["page", "B p50/p95 ms", "p50 B/A", "p50 B/base", "rps B", "rps B/A", "rps B/base"],
        PAGES.map((page) => {
          const { latencyMs: l, rps, ratios: r } = summary[page];
          return [
            `/${page}`,
            `${ms(l.oursB.p50)} / ${ms(l.oursB.p95)}`,
            ratio(r.p50BOverOurs),
            ratio(r.p50BOverBaseline),
            `${rps.oursB.toFixed(1)}`,
            ratio(r.rpsBOverOurs),
            ratio(r.rpsBOverBaseline),
          ];
        }),
      ),
    );
  }
  out();
  out(
    table(
      ["resident memory", ...memory.map((sample) => sample.when)],
      [
        ["Next server tree (MiB)", ...memory.map((sample) => sample.nextMiB ?? "n/a")],
        ["baseline (MiB)", ...memory.map((sample) => sample.baselineMiB)],
      ],
    ),
  );
  for (const { page, onlyOurs, onlyBaseline } of fieldCheck) {
    if (onlyOurs.length || onlyBaseline.length) {
      out(`fields /${page}: only ours [${onlyOurs.join(" ")}], only baseline [${onlyBaseline.join(" ")}]`);
    }
  }
  for (const page of PAGES) {
    for (const target of TARGETS) {
      const failures = latency[page][target].failures;
      const failedUnderLoad = throughput[page][target].reduce((sum, run) => sum + run.failed, 0);
      if (failures.length || failedUnderLoad) {
        out(`note: /${page} ${target}: ${failures.length + failedUnderLoad} request(s) were not 200 and were left out`);
      }
    }
  }
  out(`BENCH_JSON ${JSON.stringify({ version: 1, config, pages: summary, memory, fieldCheck })}`);
}

function startBaseline({ kratosPublicUrl, kratosBrowserUrl }) {
  const child = spawn(process.execPath, [join(repoRoot, "bench", "baseline-server.mjs")], {
    env: {
      ...process.env,
      BASELINE_PORT: String(BASELINE_PORT),
      KRATOS_PUBLIC_URL: kratosPublicUrl,
      KRATOS_BROWSER_URL: kratosBrowserUrl,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const ready = new Promise((done, fail) => {
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      if (chunk.includes("listening")) done();
    });
    child.once("exit", (code) => fail(new Error(`the baseline server exited (${code})`)));
  });
  return { child, ready, stop: () => child.kill("SIGTERM") };
}

async function main() {
  const config = {
    requests: countFromEnv("BENCH_REQUESTS", 40),
    warmup: countFromEnv("BENCH_WARMUP", 5, { allowZero: true }),
    concurrency: countFromEnv("BENCH_CONCURRENCY", 8),
    perClient: countFromEnv("BENCH_PER_CLIENT", 8),
    rounds: countFromEnv("BENCH_ROUNDS", 5),
  };
  const running = process.env.BENCH_URL;
  const { ports, distDir } = OWN_STACK;
  await assertPortsFree(running ? [BASELINE_PORT] : [...Object.values(ports), BASELINE_PORT]);
  const appUrl = running ? trimSlash(running) : `http://localhost:${ports.app}`;
  const kratosUrl = running ? trimSlash(process.env.BENCH_KRATOS_URL ?? "") : `http://localhost:${ports.kratosPublic}`;
  const adminUrl = running
    ? process.env.BENCH_ADMIN_URL && trimSlash(process.env.BENCH_ADMIN_URL)
    : `http://127.0.0.1:${ports.kratosAdmin}`;
  if (!kratosUrl) throw new Error("with BENCH_URL, set BENCH_KRATOS_URL (Kratos's public URL as browsers see it)");

  const sideEffects = buildSideEffects(distDir);
  if (!running) sideEffects.snapshot();
  const stack = running ? null : startOwnStack({ ...OWN_STACK, unset: [] });
  // The server reaches Kratos on 127.0.0.1, as our app does (scripts/stack.mjs).
  const kratosPublicUrl = kratosUrl.replace("//localhost:", "//127.0.0.1:");
  const baseline = startBaseline({ kratosPublicUrl, kratosBrowserUrl: kratosUrl });
  const stopAll = async () => {
    baseline.stop();
    if (!stack) return;
    await stack.stop();
    sideEffects.undo();
    // `eslint .` does not ignore a build left behind everywhere; it is large, too.
    if (process.env.BENCH_KEEP_BUILD === "1") log(`kept the build in ${distDir}`);
    else rmSync(resolve(repoRoot, distDir), { recursive: true, force: true });
  };
  const onSignal = (signal) => void stopAll().then(() => process.exit(signal === "SIGINT" ? 130 : 143));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    await baseline.ready;
    if (stack) await stack.ready;
    sideEffects.undo();
    await runBench({
      urls: {
        app: appUrl,
        baseline: `http://localhost:${BASELINE_PORT}`,
        b: process.env.BENCH_B_URL && trimSlash(process.env.BENCH_B_URL),
      },
      kratosUrl,
      adminUrl,
      appPort: Number(new URL(appUrl).port),
      baselinePid: baseline.child.pid,
      config,
    });
  } finally {
    await stopAll();
  }
}

// The floor page exists only with BENCH_FLOOR=1; the stack this bench starts inherits it.
process.env.BENCH_FLOOR = "1";
main().catch((error) => {
  log(`failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
});
