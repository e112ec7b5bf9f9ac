// Fails when the JavaScript sent to browsers mentions Kratos's admin API: its
// address (KRATOS_ADMIN_URL) or its identities path. The admin API deletes and
// edits identities without any session, so its address must stay on the server
// (lib/kratos/client.ts reads it, server-only); a client component importing the wrong
// module would leak it into a chunk, which this catches after `next build`.
//
// Usage: KRATOS_ADMIN_URL=http://127.0.0.1:4434 node scripts/check-client-bundle.mjs [static dir]
// The directory defaults to $NEXT_DIST_DIR/static, or .next/static.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const staticDir = resolve(process.argv[2] ?? join(process.env.NEXT_DIST_DIR || ".next", "static"));

/** The strings that must not appear, each with why. */
function needles() {
  const list = [{ text: "/admin/identities", why: "Kratos admin API path" }];
  const raw = process.env.KRATOS_ADMIN_URL?.trim();
  if (!raw) {
    console.warn("KRATOS_ADMIN_URL is not set: only the admin path is checked, not the address.");
    return list;
  }
  let url;
  try {
    url = new URL(raw);
  } catch {
    console.error(`KRATOS_ADMIN_URL is not a URL: "${raw}"`);
    process.exit(2);
  }
  // The origin as written in code (no trailing slash), and the bare host:port,
  // which a bundler may keep when the scheme is added separately.
  list.push({ text: url.origin, why: "KRATOS_ADMIN_URL origin" });
  list.push({ text: url.host, why: "KRATOS_ADMIN_URL host" });
  if (url.pathname !== "/")
    list.push({ text: `${url.host}${url.pathname.replace(/\/$/, "")}`, why: "KRATOS_ADMIN_URL" });
  return list;
}

function* jsFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* jsFiles(path);
    else if (/\.(m?js)$/.test(entry.name)) yield path;
  }
}

if (!existsSync(staticDir) || !statSync(staticDir).isDirectory()) {
  console.error(`No client build at ${staticDir}: run \`next build\` first (or set NEXT_DIST_DIR).`);
  process.exit(2);
}

const searched = needles();
let files = 0;
let bytes = 0;
const findings = [];
for (const file of jsFiles(staticDir)) {
  const text = readFileSync(file, "utf8");
  files += 1;
  bytes += text.length;
  for (const needle of searched) {
    const at = text.indexOf(needle.text);
    if (at !== -1) findings.push({ file: relative(process.cwd(), file), needle, at });
  }
}

console.log(
  `Checked ${files} client JavaScript files (${(bytes / 1024).toFixed(0)} KiB) under ${relative(process.cwd(), staticDir) || "."}`,
);
for (const needle of searched) console.log(`  for ${JSON.stringify(needle.text)} (${needle.why})`);
if (files === 0) {
  console.error("No .js files found: nothing was checked.");
  process.exit(2);
}
if (findings.length > 0) {
  for (const { file, needle, at } of findings)
    console.error(`FOUND ${JSON.stringify(needle.text)} (${needle.why}) in ${file} at ${at}`);
  process.exit(1);
}
console.log("None found: the admin API address stays on the server.");
