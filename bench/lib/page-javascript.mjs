// What JavaScript a page ships, gzipped and split into Next/React "framework"
// and "ours" by the production build's own manifests. bench/auth-pages.mjs
// prints it for every auth page; e2e/specs/login-budget.spec.ts fails the
// suite when the login page exceeds LOGIN_BUDGET.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { BROWSER_HEADERS, repoRoot } from "./common.mjs";

// From the product issue: the login page ships at most this much gzipped JS.
export const LOGIN_BUDGET = { totalBytes: 140_000, oursBytes: 10_000 };

export const GZIP_LEVEL = 9;

// ---------------------------------------------------------------------------
// The build's own account of which chunks carry our code.

/** Chunk paths in manifests and HTML appear as "/_next/static/…", "static/…" or with the prefix; compare as "static/…". */
function chunkKey(path) {
  return path.replace(/^.*?\/_next\//, "").replace(/^\//, "");
}

/**
 * Our source, as opposed to Next's, React's or a package's: a module key in a
 * client reference manifest that points into this repository outside
 * node_modules (Turbopack writes "[project]/app/error.tsx", webpack absolute paths).
 */
function isOurModule(moduleKey) {
  let path = moduleKey.split("#")[0];
  if (path.startsWith("[project]/")) path = path.slice("[project]/".length);
  else if (path.startsWith(`${repoRoot}/`)) path = path.slice(repoRoot.length + 1);
  else return false;
  return !path.startsWith("[") && !path.split("/").includes("node_modules");
}

function clientReferenceManifests(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...clientReferenceManifests(path));
    else if (entry.name.endsWith("_client-reference-manifest.js")) found.push(path);
  }
  return found;
}

/**
 * Reads the production build in distDir:
 * - build-manifest.json: rootMainFiles (React, React DOM, the Next router, the
 *   Turbopack runtime) and polyfillFiles load on every page: framework.
 * - every server/app/**\/*_client-reference-manifest.js: for each client
 *   module (and each entry), the chunks a browser must load to run it. A chunk
 *   needed by one of our modules and by no Next/package module is ours.
 * Returns null when distDir holds no production build.
 */
export function loadBuildInfo(distDir) {
  const buildManifestFile = join(distDir, "build-manifest.json");
  const appServerDir = join(distDir, "server", "app");
  if (!existsSync(buildManifestFile) || !existsSync(appServerDir)) return null;
  const buildManifest = JSON.parse(readFileSync(buildManifestFile, "utf8"));
  const rootChunks = new Set(
    [...(buildManifest.rootMainFiles ?? []), ...(buildManifest.polyfillFiles ?? [])].map(chunkKey),
  );

  const neededByOurs = new Map(); // chunk → our module keys that need it
  const neededByOthers = new Set();
  const ourModuleIds = new Set();
  const note = (moduleKey, chunks) => {
    for (const chunk of chunks.map(chunkKey)) {
      if (!isOurModule(moduleKey)) neededByOthers.add(chunk);
      else neededByOurs.set(chunk, [...(neededByOurs.get(chunk) ?? []), moduleKey]);
    }
  };
  for (const file of clientReferenceManifests(appServerDir)) {
    // The file assigns globalThis.__RSC_MANIFEST[route] = {…}; run it in an empty context to read it.
    const context = {};
    runInNewContext(readFileSync(file, "utf8"), context);
    for (const manifest of Object.values(context.__RSC_MANIFEST ?? {})) {
      for (const [moduleKey, module] of Object.entries(manifest.clientModules ?? {})) {
        note(moduleKey, module.chunks ?? []);
        if (isOurModule(moduleKey) && module.id !== undefined) ourModuleIds.add(String(module.id));
      }
      for (const [entryKey, chunks] of Object.entries(manifest.entryJSFiles ?? {})) note(entryKey, chunks);
    }
  }
  return {
    distDir,
    buildId: readFileSync(join(distDir, "BUILD_ID"), "utf8").trim(),
    rootChunks,
    neededByOurs,
    neededByOthers,
    ourModuleIds,
  };
}

/**
 * Whether a chunk's source registers one of our client modules, e.g.
 * Turbopack's `.push([script, 8821, e=>{…}` or webpack's `{8821:(e,t,r)=>{…}`.
 * This catches our code merged into a chunk that Next's modules need too.
 */
function definesOurModule(source, ourModuleIds) {
  for (const id of ourModuleIds) {
    const escapedId = id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const definition = new RegExp(`[,\\[{]\\s*${escapedId}\\s*[,:]\\s*(?:\\(|[A-Za-z_$][\\w$]*\\s*=>|function\\b)`);
    if (definition.test(source)) return true;
  }
  return false;
}

/** "components/x.tsx +2 more": source files first, then route entries ("[project]/app/login/page"). */
function describeModules(moduleKeys) {
  const names = [...new Set(moduleKeys.map((key) => key.replace("[project]/", "")))];
  const files = names.filter((name) => /\.[cm]?[jt]sx?$/.test(name));
  const shown = (files.length > 0 ? files : names).slice(0, 2);
  const more = (files.length > 0 ? files : names).length - shown.length;
  return shown.join(", ") + (more > 0 ? ` +${more} more` : "");
}

/** framework or ours, with the reason, for one /_next/static chunk. */
function classifyChunk(path, source, build) {
  const key = chunkKey(path);
  const isRoot = build.rootChunks.has(key);
  const forNext = isRoot || build.neededByOthers.has(key);
  if (build.neededByOurs.has(key) && !forNext) {
    return { group: "ours", reason: `needed only by ${describeModules(build.neededByOurs.get(key))}` };
  }
  // The manifests say Next needs this chunk, but our code may have been merged into it.
  if (definesOurModule(source, build.ourModuleIds)) {
    return { group: "ours", reason: "shared, but defines one of our client modules" };
  }
  if (isRoot) return { group: "framework", reason: "root main file (every page)" };
  if (forNext) return { group: "framework", reason: "needed by Next's own client modules" };
  // Not accounted for by any manifest: charge it to us rather than hide it in the framework.
  return { group: "ours", reason: "in no manifest (counted as ours)" };
}

// ---------------------------------------------------------------------------
// JavaScript shipped by one page.

function decodeEntities(text) {
  return text
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'");
}

function attribute(attributes, name) {
  const match = new RegExp(`(?:^|\\s)${name}(?:\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+)))?(?=\\s|$)`, "i").exec(
    attributes,
  );
  if (!match) return undefined;
  return decodeEntities(match[1] ?? match[2] ?? match[3] ?? "");
}

const JS_TYPES = new Set(["", "text/javascript", "application/javascript", "module"]);

/**
 * The scripts a modern browser runs for this HTML: <script src> (without
 * nomodule, which such a browser skips), inline <script> bodies, and chunks
 * the inline RSC payload names that no tag loads (React loads them to hydrate).
 */
function scriptsOf(html, pageUrl) {
  const external = new Map(); // absolute URL → how the page loads it
  const inline = [];
  const skipped = [];
  for (const [, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const type = (attribute(attributes, "type") ?? "").toLowerCase();
    if (!JS_TYPES.has(type)) continue; // JSON data blocks and the like
    const src = attribute(attributes, "src");
    if (src === undefined) {
      inline.push(body);
      continue;
    }
    const url = new URL(src, pageUrl).toString();
    if (attribute(attributes, "nomodule") !== undefined) skipped.push({ url, why: "nomodule" });
    else external.set(url, "script tag");
  }
  for (const [path] of html.matchAll(/\/_next\/static\/[\w./~-]+?\.js(?=[^\w./~-]|$)/g)) {
    const url = new URL(path, pageUrl).toString();
    if (!external.has(url) && !skipped.some((entry) => entry.url === url)) external.set(url, "hydration");
  }
  return { external, inline, skipped };
}

export const gzipSize = (bytes) => gzipSync(bytes, { level: GZIP_LEVEL }).length;

/** Downloads every script of a page and sums gzipped bytes by group. */
export async function measureJavaScript(html, pageUrl, build, fetchCache) {
  const appOrigin = new URL(pageUrl).origin;
  const { external, inline, skipped } = scriptsOf(html, pageUrl);
  const files = [];
  for (const [url, loadedBy] of external) {
    const path = new URL(url).pathname;
    if (new URL(url).origin !== appOrigin) {
      skipped.push({ url, why: "other origin" });
      continue;
    }
    if (!fetchCache.has(url)) {
      const response = await fetch(url, { headers: { "User-Agent": BROWSER_HEADERS["User-Agent"] } });
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      fetchCache.set(url, Buffer.from(await response.arrayBuffer()));
    }
    const bytes = fetchCache.get(url);
    let group = "build chunk";
    let reason = "no build manifests to split by";
    if (!path.startsWith("/_next/static/")) {
      group = "other";
      reason = "served by the app, not from Next's build output";
    } else if (build) {
      ({ group, reason } = classifyChunk(path, bytes.toString("utf8"), build));
    }
    files.push({ path, loadedBy, group, reason, rawBytes: bytes.length, gzipBytes: gzipSize(bytes) });
  }
  // Inline scripts travel inside one gzipped HTML response: compress them together.
  const inlineSource = Buffer.from(inline.join("\n"));
  const sum = (group) =>
    files.filter((file) => file.group === group).reduce((total, file) => total + file.gzipBytes, 0);
  const inlineGzipBytes = inline.length > 0 ? gzipSize(inlineSource) : 0;
  return {
    totalGzipBytes: files.reduce((total, file) => total + file.gzipBytes, 0) + inlineGzipBytes,
    frameworkGzipBytes: build ? sum("framework") : null,
    oursGzipBytes: build ? sum("ours") : null,
    otherGzipBytes: sum("other"),
    inlineGzipBytes,
    inlineRawBytes: inlineSource.length,
    inlineScripts: inline.length,
    files,
    skipped,
  };
}
