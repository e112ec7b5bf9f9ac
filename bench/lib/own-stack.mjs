// The production stack a bench starts for itself with scripts/stack.mjs, on
// its own ports, state folder and build folder, so that it runs beside
// `./stack up` and the e2e stacks.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { isDeepStrictEqual } from "node:util";
import { join } from "node:path";
import { log, repoRoot } from "./common.mjs";

/** Refuses to start when another process listens on one of `ports`: the bench would measure it. */
export async function assertPortsFree(ports) {
  for (const port of ports) {
    const free = await new Promise((done) => {
      const server = createServer();
      server.once("error", () => done(false));
      server.listen(port, () => server.close(() => done(true)));
    });
    if (!free) throw new Error(`port ${port} is in use; the bench needs its own ports`);
  }
}

/**
 * Starts `scripts/stack.mjs --next=prod --fresh` with these ports, STACK_DIR
 * and NEXT_DIST_DIR. `ready` resolves once it prints "[stack] ready";
 * `stop()` sends SIGTERM (the stack script ends its own children) and waits.
 * Variables named in `unset` (and DSN, which would point the bench's Kratos at
 * someone's database) are removed from the stack's environment.
 */
export function startOwnStack({ ports, stackDir, distDir, startTimeoutMs = 15 * 60_000, unset = [] }) {
  const env = {
    ...process.env,
    APP_PORT: String(ports.app),
    KRATOS_PUBLIC_PORT: String(ports.kratosPublic),
    KRATOS_ADMIN_PORT: String(ports.kratosAdmin),
    MAIL_SMTP_PORT: String(ports.smtp),
    MAIL_WEB_PORT: String(ports.mailWeb),
    STACK_DIR: stackDir,
    NEXT_DIST_DIR: distDir,
  };
  for (const name of ["DSN", ...unset]) delete env[name];
  log(`starting the stack (production build into ${distDir}; takes a minute or two)...`);
  const child = spawn(process.execPath, [join(repoRoot, "scripts", "stack.mjs"), "--next=prod", "--fresh"], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise((done) => child.once("exit", (code, signal) => done(signal ?? code)));
  const ready = new Promise((done, fail) => {
    let buffered = "";
    const onOutput = (chunk) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop();
      for (const line of lines) {
        if (line.trim()) process.stderr.write(`  ${line}\n`);
        if (line.includes("[stack] ready")) done();
      }
    };
    child.stdout.setEncoding("utf8").on("data", onOutput);
    child.stderr.setEncoding("utf8").on("data", onOutput);
    void exited.then((how) => fail(new Error(`the stack exited (${how}) before it was ready; see ${stackDir}/logs`)));
    setTimeout(() => fail(new Error("the stack was not ready in time")), startTimeoutMs).unref();
  });
  return {
    ready,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      log("stopping the stack...");
      child.kill("SIGTERM");
      const gone = await Promise.race([
        exited.then(() => true),
        new Promise((done) => setTimeout(done, 30_000, false)),
      ]);
      if (!gone) log(`warning: the stack (pid ${child.pid}) is still running after 30 s`);
    },
  };
}

/**
 * `next build` adds "<distDir>/types/**\/*.ts" to tsconfig.json's include and
 * points next-env.d.ts at the build's types. Call `snapshot` before the build
 * and `undo` after it: it takes out only what the build added for `distDir`,
 * so tsconfig.json stays as git has it and next-env.d.ts does not name a
 * folder the bench deletes.
 */
export function buildSideEffects(distDir) {
  const tsconfigFile = join(repoRoot, "tsconfig.json");
  const nextEnvFile = join(repoRoot, "next-env.d.ts");
  const read = (file) => {
    try {
      return readFileSync(file, "utf8");
    } catch {
      return null;
    }
  };
  const prefix = `${distDir.replace(/^\.\//, "").replace(/\/+$/, "")}/`;
  let before;
  return {
    snapshot() {
      before = { tsconfig: read(tsconfigFile), nextEnv: read(nextEnvFile) };
    },
    undo() {
      if (!before) return;
      const tsconfig = read(tsconfigFile);
      if (before.tsconfig !== null && tsconfig !== null && tsconfig !== before.tsconfig) {
        const original = JSON.parse(before.tsconfig);
        const current = JSON.parse(tsconfig);
        const kept = new Set(original.include ?? []);
        current.include = (current.include ?? []).filter((entry) => kept.has(entry) || !entry.startsWith(prefix));
        // Unchanged apart from our entries: the original bytes; otherwise someone else changed it too.
        const text = isDeepStrictEqual(current, original) ? before.tsconfig : `${JSON.stringify(current, null, 2)}\n`;
        if (text !== tsconfig) {
          writeFileSync(tsconfigFile, text);
          log(`took ${prefix}types out of tsconfig.json's include again`);
        }
      }
      const nextEnv = read(nextEnvFile);
      if (before.nextEnv !== null && nextEnv?.includes(prefix) && nextEnv !== before.nextEnv) {
        writeFileSync(nextEnvFile, before.nextEnv);
      }
    },
  };
}
