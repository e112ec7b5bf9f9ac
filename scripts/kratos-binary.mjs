// Builds Ory Kratos from the Go module proxy through the wrapper module in
// kratos/build and caches the binary outside the repo, keyed by the Kratos
// version and a hash of the wrapper, so it is rebuilt only when missing.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const wrapperDir = join(repoRoot, "kratos", "build");

/** The Kratos version the wrapper module requires, read from its go.mod. */
export function kratosVersion() {
  const goMod = readFileSync(join(wrapperDir, "go.mod"), "utf8");
  const match = /^require github\.com\/ory\/kratos (v\S+)$/m.exec(goMod);
  if (!match) throw new Error("kratos/build/go.mod does not require github.com/ory/kratos");
  return match[1];
}

function cacheRoot() {
  if (process.env.KRATOS_CACHE_DIR) return process.env.KRATOS_CACHE_DIR;
  const xdg = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(xdg, "kratos-selfservice-ui");
}

/** Where the binary for the current wrapper lives, built or not. */
export function kratosBinaryPath() {
  const hash = createHash("sha256");
  // Only what the binary is built from: the message-catalog generator in kratos/build/cmd/ shares the
  // module (to resolve the same Kratos source) but is not part of the binary, so editing it must not
  // force a three-minute rebuild.
  for (const file of ["go.mod", "go.sum", "main.go"]) hash.update(readFileSync(join(wrapperDir, file)));
  return join(cacheRoot(), `kratos-${kratosVersion()}-${hash.digest("hex").slice(0, 12)}`, "kratos");
}

/** Returns the cached binary's path, building it first when it is missing. */
export function ensureKratosBinary({ log = console.error } = {}) {
  const binary = kratosBinaryPath();
  if (existsSync(binary)) return binary;
  const version = kratosVersion();
  log(`Building Kratos ${version} from the Go module proxy (first run only, a few minutes)...`);
  mkdirSync(dirname(binary), { recursive: true });
  const partial = `${binary}.partial-${process.pid}`;
  const started = Date.now();
  try {
    execFileSync(
      "go",
      [
        "build",
        "-tags",
        "sqlite",
        "-ldflags",
        `-X github.com/ory/kratos/driver/config.Version=${version}`,
        "-o",
        partial,
        ".",
      ],
      {
        cwd: wrapperDir,
        stdio: ["ignore", "inherit", "inherit"],
        // GOTOOLCHAIN=local: build with the Go on this machine, never download another.
        env: { ...process.env, CGO_ENABLED: "1", GOTOOLCHAIN: "local", GOFLAGS: "-mod=readonly" },
      },
    );
    renameSync(partial, binary);
  } finally {
    rmSync(partial, { force: true });
  }
  log(`Built Kratos ${version} in ${Math.round((Date.now() - started) / 1000)} s: ${binary}`);
  return binary;
}

/** The directory of the Kratos module source, downloading it when needed. */
export function kratosModuleDir() {
  const out = execFileSync("go", ["mod", "download", "-json", `github.com/ory/kratos@${kratosVersion()}`], {
    cwd: wrapperDir,
    env: { ...process.env, GOTOOLCHAIN: "local" },
    encoding: "utf8",
  });
  return JSON.parse(out).Dir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const binary = ensureKratosBinary();
  console.log(`Kratos ${kratosVersion()}: ${binary} (${Date.now() - started} ms)`);
}
