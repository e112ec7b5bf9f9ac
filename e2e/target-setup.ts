// QA against a deployment (E2E_TARGET_URL): before any browser starts, trust
// the deployment's CA (E2E_TARGET_CA) in the NSS database of the HOME the
// browser is launched with, so that certificates are checked, never ignored.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { productionTarget } from "./stack";

export default function trustTargetCa(): void {
  const { caFile, browserHome } = productionTarget;
  if (!caFile || !browserHome) return;
  const nssDir = join(resolve(browserHome), ".pki", "nssdb");
  mkdirSync(nssDir, { recursive: true });
  const db = `sql:${nssDir}`;
  if (!existsSync(join(nssDir, "cert9.db"))) execFileSync("certutil", ["-N", "-d", db, "--empty-password"]);
  const nickname = "E2E target CA";
  try {
    execFileSync("certutil", ["-D", "-d", db, "-n", nickname], { stdio: "ignore" });
  } catch {
    // Not there yet.
  }
  execFileSync("certutil", ["-A", "-d", db, "-n", nickname, "-t", "C,,", "-i", resolve(caFile)]);
}
