// Drives the rate limiter's in-memory store (lib/http/rate-limit-store.ts, the
// very file the app runs, transpiled here with the project's TypeScript) with
// 1 000 000 random keys, as a flood of made-up identifiers and addresses would,
// and prints the time per check at the start and at the end and the peak memory.
//
//   npm run bench:rate-limit
//   BENCH_KEYS=2000000 BENCH_MAX_KEYS=500000 npm run bench:rate-limit
//
// Figures only; it never fails on them (bench/README.md). Run with
// `node --expose-gc` (the npm script does) for the memory held after a collection.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { countFromEnv, log, repoRoot, table } from "./lib/common.mjs";

const totalKeys = countFromEnv("BENCH_KEYS", 1_000_000);
const maxKeys = countFromEnv("BENCH_MAX_KEYS", 200_000);
const segment = Math.min(50_000, Math.floor(totalKeys / 10));

async function loadStore() {
  const source = readFileSync(join(repoRoot, "lib/http/rate-limit-store.ts"), "utf8");
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const folder = mkdtempSync(join(tmpdir(), "rate-limit-bench-"));
  const file = join(folder, "rate-limit-store.mjs");
  writeFileSync(file, outputText);
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const { MemoryRateLimitStore } = await loadStore();
const store = new MemoryRateLimitStore(maxKeys);

// Keys shaped like the limiter's (a flow kind, a kind of key, a SHA-256 in base64url).
const keyOf = () => `login:pair:id:${randomBytes(32).toString("base64url")}:${randomBytes(32).toString("base64url")}`;

let peakRss = 0;
let peakHeap = 0;
const sampleMemory = () => {
  const { rss, heapUsed } = process.memoryUsage();
  peakRss = Math.max(peakRss, rss);
  peakHeap = Math.max(peakHeap, heapUsed);
};

log(`driving ${totalKeys} random keys through a store of at most ${maxKeys} keys`);
const segments = [];
const now = Date.now();
for (let done = 0; done < totalKeys; done += segment) {
  const keys = Array.from({ length: segment }, keyOf);
  const started = performance.now();
  for (let index = 0; index < keys.length; index++) {
    // A window of one hour, sliding: nothing expires during the run, so every new key evicts.
    await store.hit(keys[index], 3_600_000, now + done + index, true);
  }
  const elapsed = performance.now() - started;
  segments.push({ upTo: done + segment, nsPerCheck: (elapsed * 1e6) / segment, size: store.size });
  sampleMemory();
}
globalThis.gc?.();
const settled = process.memoryUsage();

const first = segments[0];
const last = segments.at(-1);
const ratio = last.nsPerCheck / first.nsPerCheck;
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);

console.log(
  table(
    ["keys driven", "time per check", "keys held"],
    segments
      .filter((_, index) => index === 0 || index === segments.length - 1 || index % 4 === 0)
      .map((row) => [
        row.upTo.toLocaleString("en"),
        `${(row.nsPerCheck / 1000).toFixed(2)} µs`,
        row.size.toLocaleString("en"),
      ]),
  ),
);
console.log(
  `start ${(first.nsPerCheck / 1000).toFixed(2)} µs per check, end ${(last.nsPerCheck / 1000).toFixed(2)} µs: ${ratio.toFixed(2)}× (${ratio <= 2 ? "✓ within 2×" : "✗ beyond 2×"})`,
);
console.log(
  `peak memory: rss ${mb(peakRss)} MB, heap ${mb(peakHeap)} MB; heap after a collection ${globalThis.gc ? mb(settled.heapUsed) : "(run with --expose-gc)"} MB for ${store.size.toLocaleString("en")} keys`,
);
console.log(
  `BENCH_JSON ${JSON.stringify({ totalKeys, maxKeys, startNsPerCheck: first.nsPerCheck, endNsPerCheck: last.nsPerCheck, ratio, peakRssBytes: peakRss, peakHeapBytes: peakHeap, settledHeapBytes: settled.heapUsed })}`,
);
