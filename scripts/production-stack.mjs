// The production topology on one machine (`./stack up --production`, and the
// e2e projects "production" and "no-js-production"):
//
//   https://auth.example.test    this app: two instances of the standalone server, round robin,
//                                sharing their rate-limit counters in Redis
//   https://kratos.example.test  Kratos's public API, only the paths browsers need
//   https://app.example.test     examples/protected-app, signed in by the cookie domain
//
// behind a TLS proxy (deploy/proxy/Caddyfile, Caddy with its own local CA),
// Kratos as in production (kratos/profiles/production.yml: no --dev, Secure
// cookies on the parent domain, PostgreSQL, `kratos migrate sql` as its own
// step, the courier as its own process), MailDev as the SMTP server, and Redis
// (REDIS_URL if one answers there, else a redis-server of the stack's own).
// The app and the example app reach Kratos by its internal address.
//
//   node scripts/production-stack.mjs [--fresh] [--no-build]
//
// --fresh recreates Kratos's database; --no-build serves the build in place.
// Ports come from the environment (productionPorts); the proxy's names are
// fixed (*.example.test on 443): browsers resolve them with
// --host-resolver-rules="MAP *.example.test 127.0.0.1".
import { execFileSync, spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { connect } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureKratosBinary } from "./kratos-binary.mjs";
import { signalAll, signalTree, treeOf } from "./process-tree.mjs";
import { appHealth, assertPortsFree, httpProbe, jsonHas, waitForOwnHealth } from "./stack-preflight.mjs";
import { afterBlocksWithAppHooks, copyStandaloneAssets, loadOrCreateSecrets } from "./stack-kratos-config.mjs";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const kratosDir = join(repoRoot, "kratos");
const started = Date.now();

/** The topology's public names; kratos/profiles/production.yml names the same. */
export const productionHosts = {
  domain: "example.test",
  auth: "auth.example.test",
  kratos: "kratos.example.test",
  app: "app.example.test",
};

function port(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535)
    throw new Error(`${name} must be a TCP port, got "${raw}"`);
  return value;
}

/** Internal ports (loopback only) and the proxy's. */
export function productionPorts() {
  return {
    app: port("APP_PORT", 3000),
    appSecond: port("APP_SECOND_PORT", port("APP_PORT", 3000) + 1),
    // Each instance's /metrics, beside its app port and never behind the proxy.
    metrics: port("METRICS_PORT", 9464),
    metricsSecond: port("METRICS_PORT", 9464) + 1,
    // Kratos's web hooks reach whichever instance is up through the proxy on loopback.
    hooks: port("HOOKS_PORT", port("APP_PORT", 3000) + 90),
    redis: port("REDIS_PORT", 6390),
    kratosPublic: port("KRATOS_PUBLIC_PORT", 4433),
    kratosAdmin: port("KRATOS_ADMIN_PORT", 4434),
    smtp: port("MAIL_SMTP_PORT", 1025),
    mailWeb: port("MAIL_WEB_PORT", 1080),
    exampleApp: port("EXAMPLE_APP_PORT", 3080),
    https: 443,
    http: 80,
  };
}

function parseArgs(argv) {
  const options = { fresh: false, build: true };
  for (const arg of argv) {
    if (arg === "--fresh") options.fresh = true;
    else if (arg === "--no-build") options.build = false;
    else if (arg === "--production") continue;
    else throw new Error(`Unknown argument ${arg}. Use --fresh and --no-build.`);
  }
  return options;
}

const children = [];
let stopping = false;

function startProcess(name, command, args, { cwd = repoRoot, env = {}, logDir, mayExit = false }) {
  const log = createWriteStream(join(logDir, `${name}.log`), { flags: "a" });
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  children.push({ name, child });
  child.on("exit", (code, signal) => {
    // One app instance stopping is what the other is there for (bench:load --kill does it on purpose).
    if (!stopping && mayExit)
      console.error(`[stack] ${name} exited (${signal ?? code}); the other instance carries on`);
    else if (!stopping) {
      console.error(`[stack] ${name} exited (${signal ?? code}); see ${join(logDir, `${name}.log`)}`);
      void stopAll(1);
    }
  });
  return child;
}

function runStep(name, command, args, { cwd = repoRoot, env = {}, logDir }) {
  const logFile = join(logDir, `${name}.log`);
  const stepStarted = Date.now();
  try {
    const output = execFileSync(command, args, {
      cwd,
      env: { ...process.env, ...env },
      encoding: "utf8",
      stdio: "pipe",
    });
    writeFileSync(logFile, output);
  } catch (error) {
    writeFileSync(logFile, `${error.stdout ?? ""}${error.stderr ?? ""}`);
    throw new Error(`${name} failed; see ${logFile}`);
  }
  console.log(`[stack] ${name}: ${((Date.now() - stepStarted) / 1000).toFixed(1)} s`);
}

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  const alive = children.filter(({ child }) => child.exitCode === null && child.signalCode === null);
  const trees = alive.map(({ child }) => [child, treeOf(child.pid)]);
  for (const [child] of trees) signalTree(child.pid, "SIGTERM");
  const deadline = Date.now() + 8000;
  while (Date.now() < deadline && trees.some(([child]) => child.exitCode === null && child.signalCode === null)) {
    await new Promise((done) => setTimeout(done, 100));
  }
  for (const [, pids] of trees) signalAll(pids, "SIGKILL");
  process.exit(code);
}

// Only what changes per run; every URL lives in kratos/profiles/production.yml.
function writeKratosOverlay(stackDir, ports, dsn, configFiles) {
  const secrets = loadOrCreateSecrets(stackDir);
  // The web hooks call the app through the proxy's loopback-only site (never a public name, which never routes /internal/).
  const appHooks = afterBlocksWithAppHooks(configFiles, `http://127.0.0.1:${ports.hooks}/`, secrets.webhook);
  const overlay = {
    dsn,
    selfservice: { flows: appHooks },
    serve: {
      // Loopback only: browsers reach Kratos through the proxy, servers by this address.
      public: { host: "127.0.0.1", port: ports.kratosPublic },
      admin: { base_url: `http://127.0.0.1:${ports.kratosAdmin}/`, host: "127.0.0.1", port: ports.kratosAdmin },
    },
    courier: { smtp: { connection_uri: `smtp://127.0.0.1:${ports.smtp}/?disable_starttls=true` } },
    secrets: { cookie: [secrets.cookie], cipher: [secrets.cipher] },
  };
  const file = join(stackDir, "kratos.generated.yml");
  writeFileSync(file, JSON.stringify(overlay, null, 2));
  return file;
}

/** The app's database on the server of Kratos's `dsn`: the same name with `_app` appended. */
function appDatabaseUrlBeside(dsn) {
  const url = new URL(dsn);
  url.pathname = `${url.pathname}_app`;
  url.search = "";
  return url.toString();
}

/** The database named in `dsn`, created (or recreated with `fresh`) on its server through psql. */
function prepareDatabase(dsn, fresh) {
  const url = new URL(dsn);
  const database = url.pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`database name "${database}" must be [a-z0-9_]`);
  const env = {
    ...process.env,
    PGHOST: url.hostname,
    PGPORT: url.port || "5432",
    PGUSER: decodeURIComponent(url.username || "postgres"),
    ...(url.password && { PGPASSWORD: decodeURIComponent(url.password) }),
  };
  const psql = (sql) => execFileSync("psql", ["-d", "postgres", "-tAq", "-c", sql], { env, encoding: "utf8" }).trim();
  try {
    if (fresh) psql(`DROP DATABASE IF EXISTS ${database}`);
    if (psql(`SELECT 1 FROM pg_database WHERE datname = '${database}'`) !== "1") psql(`CREATE DATABASE ${database}`);
  } catch (error) {
    throw new Error(
      `PostgreSQL at ${env.PGHOST}:${env.PGPORT} (user ${env.PGUSER}) did not accept "psql": ${String(error.stderr ?? error.message).trim()}. ` +
        `Start PostgreSQL or point PRODUCTION_DSN at one.`,
    );
  }
}

/** GET https://<host><path> through the proxy on 127.0.0.1, trusting only the proxy's CA. */
export function getThroughProxy(host, path, { ca, httpsPort = 443 }) {
  return new Promise((done, fail) => {
    const req = request(
      { host: "127.0.0.1", port: httpsPort, servername: host, path, ca, headers: { host }, timeout: 5000 },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () => done({ status: response.statusCode, headers: response.headers, body }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", fail);
    req.end();
  });
}

// The browser trusts the proxy's root through an NSS database in the HOME it is
// launched with (Chromium reads $HOME/.pki/nssdb); the e2e projects launch it
// with this HOME, so the real user's database is never touched.
function trustRootInBrowserHome(rootCert, browserHome) {
  const nssDir = join(browserHome, ".pki", "nssdb");
  mkdirSync(nssDir, { recursive: true });
  const db = `sql:${nssDir}`;
  if (!existsSync(join(nssDir, "cert9.db"))) execFileSync("certutil", ["-N", "-d", db, "--empty-password"]);
  const nickname = "kratos-selfservice-ui local CA";
  try {
    execFileSync("certutil", ["-D", "-d", db, "-n", nickname], { stdio: "ignore" });
  } catch {
    // Not there yet.
  }
  execFileSync("certutil", ["-A", "-d", db, "-n", nickname, "-t", "C,,", "-i", rootCert]);
}

/** Whether a Redis answers PING at `url` (without credentials) within a second. */
function redisAnswers(url) {
  const address = new URL(url);
  return new Promise((done) => {
    const socket = connect({ host: address.hostname, port: Number(address.port || 6379) });
    let answer = "";
    const finish = (ok) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(1000, () => finish(false));
    socket.on("error", () => finish(false));
    socket.on("connect", () => socket.write("PING\r\n"));
    // A Redis that wants a password answers -NOAUTH: it is there, and the app will authenticate.
    socket.on("data", (chunk) => {
      answer += chunk;
      if (answer.includes("\r\n")) finish(answer.startsWith("+PONG") || answer.startsWith("-NOAUTH"));
    });
  });
}

async function waitForFile(file, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`${file} did not appear within ${timeoutMs / 1000} s`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const ports = productionPorts();
  const stackDir = resolve(repoRoot, process.env.STACK_DIR || ".stack/production");
  const logDir = join(stackDir, "logs");
  mkdirSync(logDir, { recursive: true });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => void stopAll(0));

  await assertPortsFree([
    { service: "TLS proxy (https)", port: ports.https, host: "0.0.0.0" },
    { service: "TLS proxy (http → https)", port: ports.http, host: "0.0.0.0" },
    { service: "Next", port: ports.app, variable: "APP_PORT" },
    { service: "Next (second instance)", port: ports.appSecond, variable: "APP_SECOND_PORT" },
    { service: "metrics", port: ports.metrics, variable: "METRICS_PORT" },
    { service: "metrics (second instance)", port: ports.metricsSecond, variable: "METRICS_PORT" },
    { service: "web hooks (proxy, loopback)", port: ports.hooks, variable: "HOOKS_PORT" },
    { service: "Kratos public", port: ports.kratosPublic, variable: "KRATOS_PUBLIC_PORT" },
    { service: "Kratos admin", port: ports.kratosAdmin, variable: "KRATOS_ADMIN_PORT" },
    { service: "MailDev SMTP", port: ports.smtp, variable: "MAIL_SMTP_PORT" },
    { service: "MailDev web", port: ports.mailWeb, variable: "MAIL_WEB_PORT" },
    { service: "example app", port: ports.exampleApp, variable: "EXAMPLE_APP_PORT" },
  ]);
  for (const tool of ["caddy", "certutil", "psql"]) {
    try {
      execFileSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" });
    } catch {
      throw new Error(`${tool} is missing: run scripts/ensure-production-tools.sh (as root, it installs it)`);
    }
  }

  const kratos = ensureKratosBinary({ log: (line) => console.log(`[stack] ${line}`) });
  const dsn = process.env.PRODUCTION_DSN || "postgres://postgres@127.0.0.1:5432/kratos_production?sslmode=disable";
  prepareDatabase(dsn, options.fresh);
  const profiles = [join(kratosDir, "kratos.yml"), join(kratosDir, "profiles", "production.yml")];
  const configs = [...profiles, writeKratosOverlay(stackDir, ports, dsn, profiles)];
  // The app's own database lives beside Kratos's on the same server, as in production.
  const appDatabaseUrl = appDatabaseUrlBeside(dsn);
  prepareDatabase(appDatabaseUrl, options.fresh);
  const configArgs = configs.flatMap((file) => ["--config", file]);
  // The instances' shared counters: the Redis at REDIS_URL if it answers, else one of our own (no persistence).
  const redisUrl = process.env.REDIS_URL || `redis://127.0.0.1:${ports.redis}`;
  const ownRedis = !(await redisAnswers(redisUrl));
  // Kratos reads its whole environment as config: a stray DEV=1 would be --dev.
  const kratosEnv = { DSN: dsn, DEV: "false" };
  console.log(`[stack] logs: ${logDir}`);

  // The deployment guide's init container: migrations run to completion first.
  runStep("kratos-migrate", kratos, ["migrate", "sql", "-e", "--yes", ...configArgs], {
    cwd: kratosDir,
    env: kratosEnv,
    logDir,
  });

  const authUrl = `https://${productionHosts.auth}`;
  const kratosBrowserUrl = `https://${productionHosts.kratos}`;
  const exampleAppUrl = `https://${productionHosts.app}`;
  const kratosInternalUrl = `http://127.0.0.1:${ports.kratosPublic}`;
  const appEnv = {
    APP_URL: authUrl,
    KRATOS_PUBLIC_URL: kratosInternalUrl,
    KRATOS_BROWSER_URL: kratosBrowserUrl,
    KRATOS_ADMIN_URL: `http://127.0.0.1:${ports.kratosAdmin}`,
    RETURN_TO_ORIGINS: exampleAppUrl,
    KRATOS_COOKIE_DOMAIN: productionHosts.domain,
    // Caddy replaces X-Forwarded-For with the address it sees: the last entry is the client.
    TRUSTED_PROXIES: "0",
    WEBHOOK_API_KEY: loadOrCreateSecrets(stackDir).webhook,
    DATABASE_URL: appDatabaseUrl,
    REDIS_URL: redisUrl,
    NEXT_TELEMETRY_DISABLED: "1",
    // As the image: our SIGTERM handler drains the instance (lib/ops/shutdown.ts).
    NEXT_MANUAL_SIG_HANDLE: "1",
  };
  const nextBin = join(repoRoot, "node_modules", "next", "dist", "bin", "next");
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  // Built before anything long-running starts: a build cannot be interrupted cleanly.
  if (options.build) {
    console.log("[stack] building Next for production...");
    runStep("next-build", process.execPath, [nextBin, "build"], { env: appEnv, logDir });
    copyStandaloneAssets(repoRoot, distDir);
  }
  const server = join(repoRoot, distDir, "standalone", "server.js");
  if (!existsSync(server)) throw new Error(`No standalone build at ${server}; run without --no-build first`);

  startProcess(
    "maildev",
    process.execPath,
    [
      join(repoRoot, "node_modules", "maildev", "bin", "maildev"),
      ...["--ip", "127.0.0.1", "--smtp", String(ports.smtp), "--web-ip", "127.0.0.1", "--web", String(ports.mailWeb)],
    ],
    { logDir },
  );
  // No --dev: Kratos then sets every cookie Secure, as in production.
  startProcess("kratos", kratos, ["serve", ...configArgs], { cwd: kratosDir, env: kratosEnv, logDir });
  // The guide's courier container: mail goes out from its own process.
  startProcess("kratos-courier", kratos, ["courier", "watch", ...configArgs], {
    cwd: kratosDir,
    env: kratosEnv,
    logDir,
  });

  let redisPid;
  if (ownRedis) {
    const address = new URL(redisUrl);
    if (!["127.0.0.1", "localhost"].includes(address.hostname))
      throw new Error(`No Redis answers at ${redisUrl}; the stack starts one only on this machine`);
    redisPid = startProcess(
      "redis",
      "redis-server",
      ["--port", address.port || "6379", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { logDir },
    ).pid;
  }
  // The artifact the container image runs (Dockerfile), twice, as a Deployment with two replicas.
  const instances = [
    { name: "next", port: ports.app, metricsPort: ports.metrics },
    { name: "next-2", port: ports.appSecond, metricsPort: ports.metricsSecond },
  ];
  for (const instance of instances) {
    const child = startProcess(instance.name, process.execPath, [server], {
      env: {
        ...appEnv,
        PORT: String(instance.port),
        HOSTNAME: "127.0.0.1",
        METRICS_PORT: String(instance.metricsPort),
        METRICS_HOST: "127.0.0.1",
      },
      logDir,
      mayExit: true,
    });
    instance.pid = child.pid;
  }
  // For bench/load.mjs --kill, which stops one instance halfway, and the Redis drill
  // (e2e/specs/production/scale-out.spec.ts), which freezes the stack's own Redis.
  writeFileSync(join(stackDir, "instances.json"), JSON.stringify({ redisUrl, ownRedis, redisPid, instances }, null, 2));
  startProcess("example-app", process.execPath, [join(repoRoot, "examples", "protected-app", "server.mjs")], {
    env: {
      EXAMPLE_APP_PORT: String(ports.exampleApp),
      EXAMPLE_APP_URL: exampleAppUrl,
      AUTH_URL: authUrl,
      KRATOS_PUBLIC_URL: kratosInternalUrl,
    },
    logDir,
  });

  const caddyStorage = join(stackDir, "caddy");
  startProcess(
    "caddy",
    "caddy",
    ["run", "--adapter", "caddyfile", "--config", join(repoRoot, "deploy", "proxy", "Caddyfile")],
    {
      env: {
        PROXY_DOMAIN: productionHosts.domain,
        PROXY_HTTPS_PORT: String(ports.https),
        PROXY_HTTP_PORT: String(ports.http),
        PROXY_STORAGE: caddyStorage,
        AUTH_UPSTREAMS: instances.map((instance) => `127.0.0.1:${instance.port}`).join(" "),
        HOOKS_PORT: String(ports.hooks),
        KRATOS_UPSTREAM: `127.0.0.1:${ports.kratosPublic}`,
        EXAMPLE_APP_UPSTREAM: `127.0.0.1:${ports.exampleApp}`,
        XDG_DATA_HOME: join(caddyStorage, "data"),
        XDG_CONFIG_HOME: join(caddyStorage, "config"),
      },
      logDir,
    },
  );
  const rootCert = join(caddyStorage, "pki", "authorities", "local", "root.crt");
  await waitForFile(rootCert, 30_000);
  const browserHome = join(stackDir, "browser-home");
  trustRootInBrowserHome(rootCert, browserHome);
  const ca = readFileSync(rootCert);
  const throughProxy = (host, path, isOurs) => async () => {
    const answer = await getThroughProxy(host, path, { ca, httpsPort: ports.https });
    if (answer.status !== 200) return `HTTP ${answer.status}`;
    return isOurs(answer.body) ? true : `HTTP 200 from something else`;
  };
  const isStopping = () => stopping;
  // Each service's own answer; the time each took is printed, from the start of this script.
  const ready = (name, where, probe, timeoutMs) =>
    waitForOwnHealth(name, where, probe, { timeoutMs, isStopping }).then(() =>
      console.log(`[stack] ${name} ready at ${((Date.now() - started) / 1000).toFixed(1)} s`),
    );
  const mailHealth = `http://127.0.0.1:${ports.mailWeb}/healthz`;
  const adminVersion = `http://127.0.0.1:${ports.kratosAdmin}/admin/version`;
  await Promise.all([
    ready(
      "MailDev",
      mailHealth,
      httpProbe(mailHealth, () => true),
      120_000,
    ),
    ready(
      "Kratos admin",
      adminVersion,
      httpProbe(adminVersion, (body) => jsonHas(body, { version: "v1.3.1" })),
      120_000,
    ),
    ready(
      "Kratos",
      kratosInternalUrl,
      httpProbe(`${kratosInternalUrl}/health/ready`, (body) => jsonHas(body, { status: "ok" })),
      120_000,
    ),
    ...instances.map((instance) =>
      ready(
        `Next (${instance.name})`,
        `http://127.0.0.1:${instance.port}/api/health/ready`,
        httpProbe(`http://127.0.0.1:${instance.port}/api/health/ready`, (body) => jsonHas(body, appHealth)),
        180_000,
      ),
    ),
    ready(
      "Next through the proxy",
      `${authUrl}/api/health`,
      throughProxy(productionHosts.auth, "/api/health", (body) => jsonHas(body, appHealth)),
      180_000,
    ),
    ready(
      "example app through the proxy",
      `${exampleAppUrl}/healthz`,
      throughProxy(productionHosts.app, "/healthz", (body) =>
        jsonHas(body, { status: "ok", service: "example-protected-app" }),
      ),
      120_000,
    ),
  ]);

  console.log(`
[stack] ready (production topology) in ${((Date.now() - started) / 1000).toFixed(1)} s:
  Auth UI              ${authUrl} (instances on ${instances.map((instance) => instance.port).join(" and ")}, metrics on ${instances.map((instance) => instance.metricsPort).join(" and ")})
  Redis                ${redisUrl}${ownRedis ? " (the stack's own)" : ""}
  Kratos public        ${kratosBrowserUrl} (only the paths in deploy/proxy/Caddyfile)
  Example app          ${exampleAppUrl}
  Mail (MailDev)       http://127.0.0.1:${ports.mailWeb}
  Kratos admin         http://127.0.0.1:${ports.kratosAdmin} (never routed by the proxy)
  Kratos internal      ${kratosInternalUrl}
  Proxy's root CA      ${rootCert}
A browser that resolves the names and trusts the CA:
  HOME=${browserHome} chromium --host-resolver-rules="MAP *.${productionHosts.domain} 127.0.0.1" ${exampleAppUrl}
Press Ctrl+C to stop everything.`);
}

main().catch((error) => {
  console.error(`[stack] ${error.message}`);
  void stopAll(1);
});
