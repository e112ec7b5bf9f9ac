// Process trees for the scripts that start servers (scripts/stack.mjs, the
// benches): `next` and Kratos start children of their own, and stopping only
// the top process would leave them running.
import { execFileSync } from "node:child_process";

/** The pids of every process below `pid`, children first. */
export function descendants(pid) {
  let direct = [];
  try {
    direct = execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" })
      .split("\n")
      .map((line) => Number(line.trim()))
      .filter(Boolean);
  } catch {
    return [];
  }
  return direct.flatMap((child) => [child, ...descendants(child)]);
}

/** `pid` and everything below it, deepest first: the order to signal them in. */
export function treeOf(pid) {
  return [...descendants(pid).reverse(), pid];
}

/** Sends `signal` to each of `pids`, skipping those already gone. */
export function signalAll(pids, signal) {
  for (const target of pids) {
    try {
      process.kill(target, signal);
    } catch {
      // already gone
    }
  }
}

/** Sends `signal` to `pid` and everything below it, deepest first. */
export function signalTree(pid, signal) {
  signalAll(treeOf(pid), signal);
}
