// Summarises a V8 CPU profile (`node --cpu-prof`) of our Next server: self time
// grouped into the buckets issue 14 asks about (proxy, RSC render, HTML render,
// flow conversion, catalog, headers, compression, fetch to Kratos, GC, other
// Next internals), then the top functions. Minified frames are mapped back to
// their sources through the `.map` files beside the chunks (Next's compiled
// runtimes and our build's chunks), so that one large runtime file splits into
// React's server renderer, React's HTML renderer and Next's own code.
//
//   node bench/profile-summary.mjs /tmp/prof/CPU.xxx.cpuprofile [--top=25] [--from=SECONDS] [--to=SECONDS] [--json]
//
// Shares are of the non-idle samples: on a loaded machine the absolute
// milliseconds say little, the shares compare runs. --from leaves out the
// first seconds of the profile: the server's start-up (loading modules,
// PGlite creating its database) is not the cost of a page. --to ends the
// window, so that one profile of two loads in turn (the floor page, then ours)
// gives the busy time of each.
//
// Native frames (no script) and Node's own modules count in the bucket of the
// nearest caller that has one, so a Buffer copy made for the HTML stream counts
// as HTML render rather than as "native", and a socket write counts as the
// fetch to Kratos (undici) or as Node's http server, whichever made it.
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { repoRoot } from "./lib/common.mjs";

const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith("--"));
if (!file) {
  process.stderr.write("usage: node bench/profile-summary.mjs <file.cpuprofile> [--top=N] [--json]\n");
  process.exit(2);
}
const topCount = Number(args.find((arg) => arg.startsWith("--top="))?.slice(6) ?? 25);
const fromSeconds = Number(args.find((arg) => arg.startsWith("--from="))?.slice(7) ?? 0);
const toSeconds = Number(args.find((arg) => arg.startsWith("--to="))?.slice(5) ?? Infinity);
const profile = JSON.parse(readFileSync(file, "utf8"));

// ---------------------------------------------------------------------------
// Source maps, loaded once per script and only when a frame needs one.

const maps = new Map();
function sourceMapFor(url) {
  if (maps.has(url)) return maps.get(url);
  let map = null;
  try {
    const path = url.startsWith("file://") ? fileURLToPath(url) : url.startsWith("/") ? url : null;
    if (path) {
      // The standalone server carries copies of node_modules without every map: fall back to the repo's own.
      const candidates = [`${path}.map`];
      const standalone = path.indexOf("/standalone/");
      if (standalone >= 0) candidates.push(`${repoRoot}/${path.slice(standalone + "/standalone/".length)}.map`);
      const found = candidates.find((candidate) => existsSync(candidate));
      if (found) map = { map: new SourceMap(JSON.parse(readFileSync(found, "utf8"))), dir: dirname(found) };
    }
  } catch {
    map = null;
  }
  maps.set(url, map);
  return map;
}

/** The original source and line of a frame, or its own script and line when no map knows it. */
function locate(frame) {
  const found = frame.url ? sourceMapFor(frame.url) : null;
  if (found) {
    const entry = found.map.findEntry(frame.lineNumber, frame.columnNumber);
    if (entry && entry.originalSource) {
      return {
        source: absoluteSource(entry.originalSource, found.dir),
        line: entry.originalLine + 1,
        name: entry.name,
      };
    }
  }
  const source = frame.url.startsWith("file://") ? fileURLToPath(frame.url) : frame.url || "";
  return { source, line: frame.lineNumber + 1 };
}

/** A map's source as a path: Turbopack names our files `[project]/…`, Next's own maps use relative paths. */
function absoluteSource(source, mapDir) {
  const project = /^turbopack:\/\/\/\[project\]\/(.*)$/.exec(source);
  if (project) return resolve(repoRoot, project[1]);
  if (/^[a-z]+:/.test(source)) return source;
  return resolve(mapDir, source);
}

// ---------------------------------------------------------------------------
// Buckets: first rule that matches wins, so the specific ones come first.

/** Our own source files: in this repository, outside node_modules and build output. */
const ours = (pattern) => (source) =>
  source.startsWith(`${repoRoot}/`) &&
  !/\/node_modules\/|\/\.next/.test(source) &&
  pattern.test(source.slice(repoRoot.length + 1));
/** Buckets that say nothing about the cause: such frames count in their caller's bucket. */
const GENERIC = new Set(["other Node internals", "other"]);
const rules = [
  ["GC", ({ name }) => name === "(garbage collector)"],
  ["idle", ({ name }) => name === "(idle)"],
  ["(program: V8/native, unattributed)", ({ name }) => name === "(program)"],
  ["app database (PGlite)", ({ source }) => /pglite|initdb\.ts|tinytar|^wasm:/.test(source)],
  ["flow conversion (SDK FromJSON)", ({ source }) => /kratos-client-fetch|lib\/flows\/load-flow/.test(source)],
  ["message catalog / i18n", ({ source }) => ours(/lib\/i18n\//)(source)],
  [
    "headers / CSP",
    ({ source, name }) =>
      /security-headers|lib\/config\/env/.test(source) ||
      (/undici|web\/spec-extension\/adapters\/headers|next\/dist\/server\/web\/spec-extension\/headers/.test(source) &&
        /[Hh]eader/.test(name)),
  ],
  ["proxy.ts / our middleware", ({ source }) => ours(/^proxy\.ts|^lib\/http\//)(source)],
  ["our Kratos gateway (lib/kratos)", ({ source }) => ours(/^lib\/kratos\//)(source)],
  ["our pages and components", ({ source }) => ours(/^(app|components|lib)\//)(source)],
  [
    "compression",
    ({ source, name }) => /node:zlib|compiled\/compression|\bzlib\b/.test(source) || /^(gzip|deflate|zlib)/i.test(name),
  ],
  ["undici: fetch to Kratos (and its socket writes), web Request", ({ source }) => /undici|node:dns/.test(source)],
  [
    "RSC (Flight: serialize, and decode for the HTML)",
    ({ source }) => /react-server-dom|react\.react-server|react-server/.test(source),
  ],
  ["HTML render (Fizz, react-dom/server)", ({ source }) => /react-dom/.test(source)],
  ["React (elements, hooks)", ({ source }) => /\/react\/|react\.production|react-jsx/.test(source)],
  [
    "Node http server (and its socket writes)",
    ({ source }) => /node:_http|node:http\b|node:internal\/http/.test(source),
  ],
  ["other Next internals", ({ source }) => /next[/\\]|next-server|\.next|webpack:\/\/next/.test(source)],
  ["other Node internals", ({ source }) => source.startsWith("node:")],
  ["other", () => true],
];

// ---------------------------------------------------------------------------

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const selfUs = new Map();
let at = profile.startTime;
for (let index = 0; index < profile.samples.length; index++) {
  at += profile.timeDeltas[index] ?? 0;
  if (at - profile.startTime < fromSeconds * 1e6 || at - profile.startTime >= toSeconds * 1e6) continue;
  const id = profile.samples[index];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
}

const frames = new Map();
/** A node's location and bucket; generic frames take their nearest specific caller's bucket. */
function frameOf(id) {
  if (frames.has(id)) return frames.get(id);
  const callFrame = byId.get(id).callFrame;
  const where = locate(callFrame);
  const name = callFrame.functionName || where.name || "(anonymous)";
  let bucket = rules.find(([, test]) => test({ name, source: where.source }))[0];
  const parent = parentOf.get(id);
  if (GENERIC.has(bucket) && parent !== undefined && byId.get(parent).callFrame.functionName !== "(root)") {
    const inherited = frameOf(parent).bucket;
    if (!GENERIC.has(inherited)) bucket = inherited;
  }
  const frame = { name, where, bucket };
  frames.set(id, frame);
  return frame;
}

const buckets = new Map();
const functions = new Map();
let busyUs = 0;
for (const [id, us] of selfUs) {
  const { name, where, bucket } = frameOf(id);
  buckets.set(bucket, (buckets.get(bucket) ?? 0) + us);
  if (bucket !== "idle") busyUs += us;
  const source = where.source.replace(/^.*node_modules\//, "").replace(`${repoRoot}/`, "");
  const key = `${name} ${source}:${where.line}`;
  const entry = functions.get(key) ?? { key, bucket, us: 0 };
  entry.us += us;
  functions.set(key, entry);
}

const share = (us) => (busyUs ? (100 * us) / busyUs : 0);
const bucketRows = [...buckets]
  .filter(([bucket]) => bucket !== "idle")
  .sort((a, b) => b[1] - a[1])
  .map(([bucket, us]) => ({ bucket, share: share(us), ms: us / 1000 }));
const topRows = [...functions.values()]
  .filter((entry) => entry.bucket !== "idle")
  .sort((a, b) => b.us - a.us)
  .slice(0, topCount)
  .map((entry) => ({ function: entry.key, bucket: entry.bucket, share: share(entry.us), ms: entry.us / 1000 }));

if (args.includes("--json")) {
  process.stdout.write(`${JSON.stringify({ busyMs: busyUs / 1000, buckets: bucketRows, top: topRows })}\n`);
} else {
  const out = (line = "") => process.stdout.write(`${line}\n`);
  const idleMs = (buckets.get("idle") ?? 0) / 1000;
  out(
    `${file}${fromSeconds ? ` from ${fromSeconds} s` : ""}${Number.isFinite(toSeconds) ? ` to ${toSeconds} s` : ""}: ${(busyUs / 1000).toFixed(0)} ms busy, ${idleMs.toFixed(0)} ms idle (shares are of busy time)`,
  );
  out();
  for (const row of bucketRows) out(`${row.share.toFixed(1).padStart(5)} %  ${row.bucket}`);
  out();
  out(`top ${topCount} functions by self time:`);
  for (const row of topRows) out(`${row.share.toFixed(1).padStart(5)} %  ${row.function}  [${row.bucket}]`);
}
