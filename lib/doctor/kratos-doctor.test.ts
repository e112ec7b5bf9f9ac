// The doctor against real Kratos v1.3.1 processes, one per configuration: a
// correct one for plain http (development), a correct one for https (the
// production topology), and one per mistake, each with exactly that mistake.
// In-memory databases (Kratos migrates `dsn: memory` itself) keep it quick; the
// generous timeouts are for a loaded CI runner (nine Kratos processes start at once).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureKratosBinary } from "../../scripts/kratos-binary.mjs";
import { cookieReaches, diagnose, parseSetCookie, type DoctorSettings } from "./kratos-doctor.mjs";

const kratosDir = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "kratos");

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => done(typeof address === "object" && address ? address.port : 0));
    });
  });
}

type Ports = { public: number; admin: number };

/** How a case sees itself: the app's settings and the Kratos config it runs with. */
type Case = {
  name: string;
  dev: boolean;
  settings: (ports: Ports) => DoctorSettings;
  config: (ports: Ports) => Record<string, unknown>;
  expected: string[];
};

// Development: everything on localhost over http, Kratos with --dev.
const devApp = "http://localhost:3999";
function devConfig(ports: Ports, changes: { baseUrl?: string; allowed?: string[]; registrationUi?: string } = {}) {
  return {
    serve: {
      public: {
        base_url: changes.baseUrl ?? `http://localhost:${ports.public}/`,
        port: ports.public,
        host: "127.0.0.1",
      },
      admin: { base_url: `http://127.0.0.1:${ports.admin}/`, port: ports.admin, host: "127.0.0.1" },
    },
    selfservice: {
      default_browser_return_url: `${devApp}/`,
      allowed_return_urls: changes.allowed ?? [devApp],
      flows: {
        error: { ui_url: `${devApp}/error` },
        settings: { ui_url: `${devApp}/settings` },
        recovery: { ui_url: `${devApp}/recovery` },
        verification: { ui_url: `${devApp}/verification` },
        login: { ui_url: `${devApp}/login` },
        registration: { ui_url: changes.registrationUi ?? `${devApp}/registration` },
      },
    },
  };
}
const devSettings = (ports: Ports, browserUrl = `http://localhost:${ports.public}`): DoctorSettings => ({
  appUrl: devApp,
  kratosPublicUrl: `http://127.0.0.1:${ports.public}`,
  kratosBrowserUrl: browserUrl,
  kratosAdminUrl: `http://127.0.0.1:${ports.admin}`,
});

// Production: https on subdomains of one domain, Kratos reached internally over http.
const app = "https://auth.doctor.test";
function productionConfig(
  ports: Ports,
  changes: { baseUrl?: string; cookieDomain?: string; sessionCookieDomain?: string } = {},
) {
  const config = devConfig(ports);
  const flows = config.selfservice.flows;
  for (const [kind, flow] of Object.entries(flows)) flow.ui_url = `${app}/${kind}`;
  return {
    ...config,
    serve: {
      ...config.serve,
      public: { ...config.serve.public, base_url: changes.baseUrl ?? "https://kratos.doctor.test/" },
    },
    selfservice: { ...config.selfservice, default_browser_return_url: `${app}/`, allowed_return_urls: [app] },
    cookies: { domain: changes.cookieDomain ?? "doctor.test" },
    session: { cookie: { domain: changes.sessionCookieDomain ?? "doctor.test" } },
  };
}
const productionSettings = (ports: Ports): DoctorSettings => ({
  appUrl: app,
  kratosPublicUrl: `http://127.0.0.1:${ports.public}`,
  kratosBrowserUrl: "https://kratos.doctor.test",
  kratosAdminUrl: `http://127.0.0.1:${ports.admin}`,
});

const cases: Case[] = [
  { name: "correct for development", dev: true, settings: devSettings, config: devConfig, expected: [] },
  {
    name: "correct for production",
    dev: false,
    settings: productionSettings,
    config: productionConfig,
    expected: [],
  },
  {
    name: "serve.public.base_url is not where browsers reach Kratos",
    dev: false,
    settings: productionSettings,
    config: (ports) => productionConfig(ports, { baseUrl: "https://identity.doctor.test/" }),
    expected: ["action-origin"],
  },
  {
    name: "cookies.domain does not cover the app",
    dev: false,
    settings: productionSettings,
    config: (ports) => productionConfig(ports, { cookieDomain: "kratos.doctor.test" }),
    expected: ["csrf-cookie-domain"],
  },
  {
    name: "session.cookie.domain does not cover the app",
    dev: false,
    settings: productionSettings,
    config: (ports) => productionConfig(ports, { sessionCookieDomain: "other.test" }),
    expected: ["session-cookie-domain"],
  },
  {
    name: "Kratos runs with --dev behind https",
    dev: true,
    settings: productionSettings,
    config: productionConfig,
    expected: ["csrf-cookie-not-secure", "session-cookie-not-secure"],
  },
  {
    name: "a flow's ui_url is not on the app",
    dev: true,
    settings: devSettings,
    config: (ports) => devConfig(ports, { registrationUi: "http://localhost:3998/registration" }),
    expected: ["flow-redirect"],
  },
  {
    name: "APP_URL is not an allowed return URL",
    dev: true,
    settings: devSettings,
    config: (ports) => devConfig(ports, { allowed: ["http://localhost:3998"] }),
    expected: ["return-url"],
  },
  {
    name: "Kratos on 127.0.0.1, the app on localhost",
    dev: true,
    settings: (ports) => devSettings(ports, `http://127.0.0.1:${ports.public}`),
    config: (ports) => devConfig(ports, { baseUrl: `http://127.0.0.1:${ports.public}/` }),
    expected: ["localhost-mixed"],
  },
];

// Kratos reads every environment variable as config, and vitest sets DEV=1: that
// alone would be --dev (no Secure cookies).
const kratosEnv = Object.fromEntries(
  Object.entries({ ...process.env, DSN: "memory" }).filter(([name]) => !["DEV", "PROD", "MODE"].includes(name)),
);

type Running = { process: ChildProcess; ports: Ports; log: string[] };
const running = new Map<string, Running>();
let workDir: string;

async function startKratos(testCase: Case, binary: string): Promise<Running> {
  const ports = { public: await freePort(), admin: await freePort() };
  const file = join(workDir, `${cases.indexOf(testCase)}.json`);
  const config = {
    ...testCase.config(ports),
    dsn: "memory",
    secrets: { cookie: ["doctor-test-cookie-secret-0123456789"], cipher: ["doctor-test-cipher-secret-012345"] },
    log: { level: "error" },
  };
  writeFileSync(file, JSON.stringify(config));
  const args = [
    "serve",
    ...(testCase.dev ? ["--dev"] : []),
    "--config",
    join(kratosDir, "kratos.yml"),
    "--config",
    file,
  ];
  const child = spawn(binary, args, {
    cwd: kratosDir,
    stdio: ["ignore", "pipe", "pipe"],
    env: kratosEnv as NodeJS.ProcessEnv,
  });
  const log: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Kratos for "${testCase.name}" exited: ${log.join("").slice(-2000)}`);
    try {
      const ready = await fetch(`http://127.0.0.1:${ports.public}/health/ready`, { signal: AbortSignal.timeout(1000) });
      if (ready.ok) return { process: child, ports, log };
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`Kratos for "${testCase.name}" did not become ready: ${log.join("").slice(-2000)}`);
}

describe("the doctor against a real Kratos", () => {
  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), "kratos-doctor-"));
    const binary = ensureKratosBinary({ log: () => undefined });
    const started = await Promise.allSettled(cases.map((testCase) => startKratos(testCase, binary)));
    started.forEach((result, index) => {
      if (result.status === "fulfilled") running.set(cases[index]!.name, result.value);
    });
    const failed = started.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
  }, 300_000);

  afterAll(() => {
    for (const { process: child } of running.values()) child.kill("SIGTERM");
    rmSync(workDir, { recursive: true, force: true });
  });

  it.each(cases)("$name: $expected", async (testCase) => {
    const instance = running.get(testCase.name)!;
    const findings = await diagnose(testCase.settings(instance.ports));
    expect(findings.map((finding) => finding.id).sort()).toEqual([...testCase.expected].sort());
    for (const finding of findings) {
      expect(finding.problem.length).toBeGreaterThan(20);
      expect(finding.fix.length).toBeGreaterThan(10);
    }
  });

  it("names the fix for each mistake", async () => {
    const baseUrl = running.get("serve.public.base_url is not where browsers reach Kratos")!;
    const [action] = await diagnose(productionSettings(baseUrl.ports));
    expect(action?.fix).toContain("serve.public.base_url to https://kratos.doctor.test/");
    const cookie = running.get("cookies.domain does not cover the app")!;
    const [csrf] = await diagnose(productionSettings(cookie.ports));
    expect(csrf?.fix).toContain('cookies.domain to "doctor.test"');
    const returnUrl = running.get("APP_URL is not an allowed return URL")!;
    const [allowed] = await diagnose(devSettings(returnUrl.ports));
    expect(allowed?.fix).toBe(`Add ${devApp} to Kratos's selfservice.allowed_return_urls.`);
  });

  it("says so when Kratos does not answer", async () => {
    const port = await freePort();
    const findings = await diagnose(devSettings({ public: port, admin: port }), { timeoutMs: 1000 }).catch(
      (error: Error) => [{ id: `threw: ${error.message}` }],
    );
    expect(findings.map((finding) => finding.id)).toEqual(["kratos-not-answering"]);
  });
});

describe("cookie domains", () => {
  it("a host-only cookie reaches only its own host", () => {
    expect(cookieReaches(undefined, "localhost", "localhost")).toBe(true);
    expect(cookieReaches(undefined, "kratos.example.test", "auth.example.test")).toBe(false);
  });

  it("a domain cookie reaches the domain and its subdomains, not look-alikes", () => {
    expect(cookieReaches("example.test", "kratos.example.test", "auth.example.test")).toBe(true);
    expect(cookieReaches(".example.test", "kratos.example.test", "example.test")).toBe(true);
    expect(cookieReaches("example.test", "kratos.example.test", "badexample.test")).toBe(false);
  });

  it("parses Kratos's Set-Cookie attributes", () => {
    const cookie = parseSetCookie("csrf_token_x=a=b; Path=/; Domain=example.test; HttpOnly; Secure; SameSite=Lax");
    expect(cookie).toEqual({
      name: "csrf_token_x",
      attributes: { path: "/", domain: "example.test", httponly: true, secure: true, samesite: "Lax" },
    });
  });
});
