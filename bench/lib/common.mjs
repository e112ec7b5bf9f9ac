// Small helpers both benches use: progress lines, knobs from the environment,
// percentiles and plain-text tables.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export const BROWSER_HEADERS = {
  Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "Accept-Language": "en",
  // Browser-like: Next renders some pages differently for crawlers it recognises by user agent.
  "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36",
};

/** A progress line on stderr; results go to stdout. */
export function log(line) {
  process.stderr.write(`[bench] ${line}\n`);
}

export function countFromEnv(name, fallback, { allowZero = false } = {}) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new Error(`${name} must be a whole number${allowZero ? "" : " above 0"}, got "${raw}"`);
  }
  return value;
}

export function trimSlash(url) {
  return url.replace(/\/+$/, "");
}

/** Nearest-rank percentile: the smallest sample at or above p percent of all samples. */
export function percentile(sortedSamples, p) {
  return sortedSamples[Math.max(0, Math.ceil((p / 100) * sortedSamples.length) - 1)];
}

export function table(header, rows) {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => String(row[column]).length)),
  );
  const line = (cells) =>
    cells
      .map((cell, column) => String(cell).padEnd(widths[column]))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}
