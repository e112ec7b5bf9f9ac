// Starts the whole stack: MailDev, Kratos (migrated, on SQLite unless DSN is
// set) and Next (dev server or production build), waits until each answers its
// health check, prints the URLs and stops everything it started on exit.
// Playwright's webServer runs this same script.
//
//   node scripts/stack.mjs [--next=dev|prod] [--profile=NAME ...] [--fresh] [--local-oidc]
//
// --fresh starts from an empty SQLite database (the test suites use it).
// --next=prod builds and runs Next's standalone server (.next/standalone/server.js),
//   the same artifact the container image runs.
// --no-build serves the production build already in place (a second stack beside the first).
// --local-oidc also starts a local OpenID provider (scripts/oidc-provider.mjs) and
//   enables Kratos's OIDC method with it, as provider "local".
//
// Ports come from the environment (see stackPorts below); logs, the SQLite file
// and generated secrets live in $STACK_DIR (default .stack/).
//
// The fault tests stop and start Kratos under a running stack: SIGUSR2 to this
// script stops Kratos, SIGUSR1 starts it again. $STACK_DIR/stack.pid and
// $STACK_DIR/kratos.pid name the processes.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureKratosBinary } from "./kratos-binary.mjs";
import { signalAll, signalTree, treeOf } from "./process-tree.mjs";
import { appHealth, assertPortsFree, httpProbe, jsonHas, waitForOwnHealth } from "./stack-preflight.mjs";
import { afterBlocksWithAppHooks, copyStandaloneAssets, loadOrCreateSecrets } from "./stack-kratos-config.mjs";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const kratosDir = join(repoRoot, "kratos");

function parseArgs(argv) {
  const options = { next: "dev", profiles: [], fresh: false, build: true, localOidc: false };
  for (const arg of argv) {
    const [key, value] = arg.replace(/^--/, "").split("=");
    if (key === "next" && (value === "dev" || value === "prod")) options.next = value;
    else if (key === "fresh" && value === undefined) options.fresh = true;
    else if (key === "no-build" && value === undefined) options.build = false;
    else if (key === "local-oidc" && value === undefined) options.localOidc = true;
    else if (key === "profile" && value) options.profiles.push(value);
    else
      throw new Error(
        `Unknown argument ${arg}. Use --next=dev|prod, --profile=NAME, --fresh, --no-build and --local-oidc.`,
      );
  }
  return options;
}

function port(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535)
    throw new Error(`${name} must be a TCP port, got "${raw}"`);
  return value;
}

/** The ports of every service, from the environment with defaults. */
export function stackPorts() {
  return {
    app: port("APP_PORT", 3000),
    kratosPublic: port("KRATOS_PUBLIC_PORT", 4433),
    kratosAdmin: port("KRATOS_ADMIN_PORT", 4434),
    smtp: port("MAIL_SMTP_PORT", 1025),
    mailWeb: port("MAIL_WEB_PORT", 1080),
    localOidc: port("LOCAL_OIDC_PORT", 4450),
    httpCourier: port("MAIL_HTTP_PORT", 1090),
  };
}

// The OIDC method with the local provider. Its client secret is made per run:
// the provider keeps everything in memory and gets the same secret from us.
function localOidcMethod(localOidc) {
  return {
    enabled: true,
    config: {
      providers: [
        {
          id: localOidc.providerId,
          provider: "generic",
          label: "Local OIDC",
          client_id: localOidc.clientId,
          client_secret: localOidc.clientSecret,
          issuer_url: localOidc.issuer,
          scope: ["openid", "email", "profile"],
          pkce: "auto",
          // Relative to kratos/, Kratos's working directory, like the identity schema.
          mapper_url: "file://./oidc/local.mapper.jsonnet",
        },
      ],
    },
  };
}

// Kratos merges config files in order; this one adapts kratos.yml to the ports,
// database and secrets of this run (and adds the local OIDC provider if asked). JSON is valid YAML.
function writeKratosOverlay(stackDir, ports, dsn, localOidc, configFiles, httpCourier) {
  const app = `http://localhost:${ports.app}`;
  const secrets = loadOrCreateSecrets(stackDir);
  const appHooks = afterBlocksWithAppHooks(configFiles, `http://127.0.0.1:${ports.app}/`, secrets.webhook);
  const merge = (name, flow) => ({
    ...flow,
    ...(appHooks[name] && { after: { ...appHooks[name].after, ...flow.after } }),
  });
  const overlay = {
    dsn,
    serve: {
      public: { base_url: `http://localhost:${ports.kratosPublic}/`, port: ports.kratosPublic },
      admin: { base_url: `http://127.0.0.1:${ports.kratosAdmin}/`, host: "127.0.0.1", port: ports.kratosAdmin },
    },
    selfservice: {
      default_browser_return_url: `${app}/`,
      allowed_return_urls: [app],
      methods: {
        webauthn: { config: { rp: { display_name: "Kratos Self-Service UI", id: "localhost", origins: [app] } } },
        passkey: { config: { rp: { display_name: "Kratos Self-Service UI", id: "localhost", origins: [app] } } },
        ...(localOidc && { oidc: localOidcMethod(localOidc) }),
      },
      flows: {
        ...appHooks,
        error: { ui_url: `${app}/error` },
        settings: merge("settings", { ui_url: `${app}/settings` }),
        recovery: merge("recovery", { ui_url: `${app}/recovery` }),
        verification: merge("verification", {
          ui_url: `${app}/verification`,
          after: { default_browser_return_url: `${app}/` },
        }),
        logout: { after: { default_browser_return_url: `${app}/login` } },
        login: merge("login", { ui_url: `${app}/login` }),
        registration: merge("registration", { ui_url: `${app}/registration` }),
      },
    },
    courier: {
      smtp: { connection_uri: `smtp://127.0.0.1:${ports.smtp}/?disable_starttls=true` },
      // Kratos replaces lists when it merges config files: the whole channel, with this stack's port and key.
      channels: [
        {
          id: "sms",
          type: "http",
          request_config: {
            url: `http://127.0.0.1:${ports.httpCourier}/sms`,
            method: "POST",
            body: "file://./courier/sms.jsonnet",
            headers: { "Content-Type": "application/json" },
            auth: { type: "api_key", config: { name: "X-Api-Key", value: secrets.mailApi, in: "header" } },
          },
        },
      ],
      ...(httpCourier && {
        http: {
          request_config: {
            url: `http://127.0.0.1:${ports.httpCourier}/email`,
            auth: {
              type: "api_key",
              config: { name: "X-Postmark-Server-Token", value: secrets.mailApi, in: "header" },
            },
          },
        },
      }),
    },
    secrets: { cookie: [secrets.cookie], cipher: [secrets.cipher] },
  };
  const file = join(stackDir, "kratos.generated.yml");
  writeFileSync(file, JSON.stringify(overlay, null, 2));
  return file;
}

const children = [];
let stopping = false;
// Children stopped on purpose (SIGUSR2): their exit does not bring the stack down.
const expectedExits = new Set();

function startProcess(name, command, args, { cwd = repoRoot, env = {}, logDir }) {
  const log = createWriteStream(join(logDir, `${name}.log`), { flags: "a" });
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  children.push({ name, child });
  child.on("exit", (code, signal) => {
    if (expectedExits.delete(child)) return;
    if (!stopping) {
      console.error(`[stack] ${name} exited (${signal ?? code}); see ${join(logDir, `${name}.log`)}`);
      void stopAll(1);
    }
  });
  return child;
}

function runToCompletion(name, command, args, { cwd = repoRoot, env = {}, logDir }) {
  const logFile = join(logDir, `${name}.log`);
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
}

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  const alive = children.filter(({ child }) => child.exitCode === null && child.signalCode === null);
  // Found before the first signal: a child that dies first would orphan its own children.
  const trees = alive.map(({ child }) => [child, treeOf(child.pid)]);
  for (const [child] of trees) signalTree(child.pid, "SIGTERM");
  const deadline = Date.now() + 8000;
  while (Date.now() < deadline && trees.some(([child]) => child.exitCode === null && child.signalCode === null)) {
    await new Promise((done) => setTimeout(done, 100));
  }
  for (const [, pids] of trees) signalAll(pids, "SIGKILL");
  process.exit(code);
}

// Readiness is each service's own answer: a 200 from another program on the
// same port must not count (scripts/stack-preflight.mjs).
function waitForHealthy(name, url, timeoutMs, isOurs = () => true) {
  return waitForOwnHealth(name, url, httpProbe(url, isOurs), { timeoutMs, isStopping: () => stopping });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const ports = stackPorts();
  const stackDir = resolve(repoRoot, process.env.STACK_DIR || ".stack");
  const logDir = join(stackDir, "logs");
  mkdirSync(logDir, { recursive: true });

  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => void stopAll(0));
  await assertPortsFree([
    { service: "Next", port: ports.app, variable: "APP_PORT" },
    { service: "Kratos public", port: ports.kratosPublic, variable: "KRATOS_PUBLIC_PORT" },
    { service: "Kratos admin", port: ports.kratosAdmin, variable: "KRATOS_ADMIN_PORT" },
    { service: "MailDev SMTP", port: ports.smtp, variable: "MAIL_SMTP_PORT" },
    { service: "MailDev web", port: ports.mailWeb, variable: "MAIL_WEB_PORT" },
    ...(options.localOidc ? [{ service: "OpenID provider", port: ports.localOidc, variable: "LOCAL_OIDC_PORT" }] : []),
  ]);

  const kratos = ensureKratosBinary({ log: (line) => console.log(`[stack] ${line}`) });
  const sqliteFile = join(stackDir, "kratos.sqlite");
  if (options.fresh && !process.env.DSN) rmSync(sqliteFile, { force: true });
  if (options.fresh && !process.env.DATABASE_URL) rmSync(join(stackDir, "app-db"), { recursive: true, force: true });
  // WAL and a busy timeout: parallel e2e workers write at once, and SQLite otherwise answers "database is locked".
  const dsn = process.env.DSN || `sqlite://${sqliteFile}?_fk=true&mode=rwc&_journal_mode=WAL&_busy_timeout=10000`;
  const configs = [join(kratosDir, "kratos.yml")];
  for (const profile of options.profiles) {
    const file = join(kratosDir, "profiles", `${profile}.yml`);
    if (!existsSync(file)) throw new Error(`No Kratos profile ${file}`);
    configs.push(file);
  }
  const localOidc = options.localOidc
    ? {
        issuer: `http://localhost:${ports.localOidc}`,
        providerId: "local",
        clientId: "kratos",
        clientSecret: randomBytes(32).toString("hex"),
      }
    : undefined;
  const httpCourier = options.profiles.includes("courier-http");
  configs.push(writeKratosOverlay(stackDir, ports, dsn, localOidc, [...configs], httpCourier));
  const configArgs = configs.flatMap((file) => ["--config", file]);
  const kratosEnv = { DSN: dsn };

  console.log(`[stack] logs: ${logDir}`);
  startProcess(
    "maildev",
    process.execPath,
    [
      join(repoRoot, "node_modules", "maildev", "bin", "maildev"),
      "--ip",
      "127.0.0.1",
      "--smtp",
      String(ports.smtp),
      "--web-ip",
      "127.0.0.1",
      "--web",
      String(ports.mailWeb),
    ],
    { logDir },
  );

  // Always: text messages go over HTTP on every stack; mail too with --profile=courier-http.
  {
    startProcess("http-courier", process.execPath, [join(repoRoot, "scripts", "http-courier.mjs")], {
      env: {
        HTTP_COURIER_PORT: String(ports.httpCourier),
        HTTP_COURIER_API_KEY: loadOrCreateSecrets(stackDir).mailApi,
      },
      logDir,
    });
  }

  if (localOidc) {
    startProcess("oidc-provider", process.execPath, [join(repoRoot, "scripts", "oidc-provider.mjs")], {
      env: {
        LOCAL_OIDC_PORT: String(ports.localOidc),
        KRATOS_BROWSER_URL: `http://localhost:${ports.kratosPublic}`,
        LOCAL_OIDC_PROVIDER_ID: localOidc.providerId,
        LOCAL_OIDC_CLIENT_ID: localOidc.clientId,
        LOCAL_OIDC_CLIENT_SECRET: localOidc.clientSecret,
      },
      logDir,
    });
  }

  runToCompletion("kratos-migrate", kratos, ["migrate", "sql", "-e", "--yes", ...configArgs], {
    cwd: kratosDir,
    env: kratosEnv,
    logDir,
  });
  // --dev lets Kratos set cookies without `Secure` over plain http on localhost.
  const startKratos = () => {
    const child = startProcess("kratos", kratos, ["serve", "--dev", "--watch-courier", ...configArgs], {
      cwd: kratosDir,
      env: kratosEnv,
      logDir,
    });
    writeFileSync(join(stackDir, "kratos.pid"), String(child.pid));
    return child;
  };
  let kratosChild = startKratos();
  writeFileSync(join(stackDir, "stack.pid"), String(process.pid));
  process.on("SIGUSR2", () => {
    if (kratosChild.exitCode !== null || kratosChild.signalCode !== null) return;
    console.log("[stack] stopping Kratos (SIGUSR2)");
    expectedExits.add(kratosChild);
    signalTree(kratosChild.pid, "SIGKILL");
  });
  process.on("SIGUSR1", () => {
    if (kratosChild.exitCode === null && kratosChild.signalCode === null) return;
    console.log("[stack] starting Kratos again (SIGUSR1)");
    kratosChild = startKratos();
  });

  const nextBin = join(repoRoot, "node_modules", "next", "dist", "bin", "next");
  const appEnv = {
    APP_URL: `http://localhost:${ports.app}`,
    KRATOS_PUBLIC_URL: `http://127.0.0.1:${ports.kratosPublic}`,
    KRATOS_BROWSER_URL: `http://localhost:${ports.kratosPublic}`,
    KRATOS_ADMIN_URL: `http://127.0.0.1:${ports.kratosAdmin}`,
    WEBHOOK_API_KEY: loadOrCreateSecrets(stackDir).webhook,
    // The app's own database: embedded, in the stack's folder, unless DATABASE_URL is set.
    APP_DATABASE_DIR: process.env.APP_DATABASE_DIR || join(stackDir, "app-db"),
    NEXT_TELEMETRY_DISABLED: "1",
    // The relay's 303 to the provider must pass the CSP's form-action (lib/config/env.ts).
    ...(localOidc && {
      OIDC_PROVIDER_ORIGINS: [process.env.OIDC_PROVIDER_ORIGINS, localOidc.issuer].filter(Boolean).join(","),
    }),
  };
  if (options.next === "prod") {
    const distDir = process.env.NEXT_DIST_DIR || ".next";
    if (options.build) {
      console.log("[stack] building Next for production...");
      runToCompletion("next-build", process.execPath, [nextBin, "build"], { env: appEnv, logDir });
      copyStandaloneAssets(repoRoot, distDir);
    }
    const server = join(repoRoot, distDir, "standalone", "server.js");
    if (!existsSync(server)) throw new Error(`No standalone build at ${server}; run without --no-build first`);
    // The artifact the container image runs (Dockerfile), not `next start`:
    // the e2e suites test what ships. HOSTNAME keeps it on loopback here (the
    // image listens on all interfaces); the shell's own HOSTNAME must not leak in.
    startProcess("next", process.execPath, [server], {
      env: { ...appEnv, PORT: String(ports.app), HOSTNAME: "127.0.0.1" },
      logDir,
    });
  } else {
    startProcess("next", process.execPath, [nextBin, "dev", "--port", String(ports.app)], { env: appEnv, logDir });
  }

  await Promise.all([
    waitForHealthy("MailDev", `http://127.0.0.1:${ports.mailWeb}/healthz`, 30_000),
    waitForHealthy("HTTP courier", `http://127.0.0.1:${ports.httpCourier}/messages`, 30_000),
    waitForHealthy("Kratos", `http://127.0.0.1:${ports.kratosPublic}/health/ready`, 60_000, (body) =>
      jsonHas(body, { status: "ok" }),
    ),
    waitForHealthy("Kratos admin", `http://127.0.0.1:${ports.kratosAdmin}/admin/version`, 60_000, (body) =>
      /^v1\.3\./.test(JSON.parse(body).version ?? ""),
    ),
    waitForHealthy("Next", `http://localhost:${ports.app}/api/health`, 120_000, (body) => jsonHas(body, appHealth)),
    ...(localOidc
      ? [
          waitForHealthy(
            "OIDC provider",
            `http://127.0.0.1:${ports.localOidc}/.well-known/openid-configuration`,
            30_000,
          ),
        ]
      : []),
  ]);

  console.log(`
[stack] ready (Next ${options.next}, ${process.env.DSN ? "DSN from environment" : "SQLite"}):
  App             http://localhost:${ports.app}
  Mail (MailDev)  http://localhost:${ports.mailWeb}
  HTTP courier    http://127.0.0.1:${ports.httpCourier}/messages (text messages${httpCourier ? ", and mail" : ""})
  Kratos public   http://localhost:${ports.kratosPublic}
  Kratos admin    http://127.0.0.1:${ports.kratosAdmin}${localOidc ? `\n  OpenID provider ${localOidc.issuer} (any email signs in)` : ""}
Press Ctrl+C to stop everything.`);
}

main().catch((error) => {
  console.error(`[stack] ${error.message}`);
  void stopAll(1);
});
