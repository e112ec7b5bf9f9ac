// What both stack scripts (scripts/stack.mjs, scripts/production-stack.mjs) give
// Kratos and Next: per-stack secrets, the web hooks pointed at this stack's app,
// and the standalone server's assets.
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";

// Secrets are made once per stack directory and never committed.
export function loadOrCreateSecrets(stackDir) {
  const file = join(stackDir, "secrets.json");
  const stored = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  const secrets = {
    cookie: stored.cookie ?? randomBytes(24).toString("hex"),
    cipher: stored.cipher ?? randomBytes(16).toString("hex"),
    // The key Kratos's web hooks send and the app checks (WEBHOOK_API_KEY).
    webhook: stored.webhook ?? randomBytes(32).toString("hex"),
    // The key Kratos's HTTP courier sends to the SMS provider, and the mail provider with --profile=courier-http.
    mailApi: stored.mailApi ?? randomBytes(32).toString("hex"),
  };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

// kratos.yml's web hooks call the app at its default address with a placeholder
// key. Kratos replaces lists when it merges config files, so the overlay carries
// each flow's whole `after` block (from kratos.yml and the profiles, merged the
// same way) with this stack's app address and key in every hook that calls the app.
const defaultAppInternal = "http://127.0.0.1:3000/";

export function afterBlocksWithAppHooks(configFiles, appInternal, webhookKey) {
  const flows = {};
  for (const file of configFiles) {
    const config = parseYaml(readFileSync(file, "utf8")) ?? {};
    for (const [name, flow] of Object.entries(config.selfservice?.flows ?? {})) {
      if (flow?.after) flows[name] = { ...flows[name], ...flow.after };
    }
  }
  const patched = {};
  let touched = false;
  const patch = (value) => {
    if (Array.isArray(value)) return value.map(patch);
    if (value === null || typeof value !== "object") return value;
    if (
      value.hook === "web_hook" &&
      typeof value.config?.url === "string" &&
      value.config.url.startsWith(defaultAppInternal)
    ) {
      touched = true;
      const auth = { ...value.config.auth, config: { ...value.config.auth?.config, value: webhookKey } };
      return {
        ...value,
        config: { ...value.config, url: appInternal + value.config.url.slice(defaultAppInternal.length), auth },
      };
    }
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, patch(inner)]));
  };
  for (const [name, after] of Object.entries(flows)) patched[name] = { after: patch(after) };
  return touched ? patched : {};
}

// `output: "standalone"` leaves the client assets and public/ for the deployer
// to copy beside server.js, as the Dockerfile does.
export function copyStandaloneAssets(repoRoot, distDir) {
  const standaloneDist = join(repoRoot, distDir, "standalone", distDir);
  rmSync(join(standaloneDist, "static"), { recursive: true, force: true });
  cpSync(join(repoRoot, distDir, "static"), join(standaloneDist, "static"), { recursive: true });
  cpSync(join(repoRoot, "public"), join(repoRoot, distDir, "standalone", "public"), { recursive: true });
}
