// Liveness and readiness (ARCHITECTURE.md "Liveness and readiness"). Neither
// asks Kratos or Redis: the answer is about this process alone.

const holder = globalThis as typeof globalThis & { appStarted?: boolean; appDraining?: boolean };

/** Called by instrumentation.ts once start-up (environment, database, metrics) is done. */
export function markStarted(): void {
  holder.appStarted = true;
}

/** Called when the instance is asked to stop: it still serves, but takes no new traffic. */
export function markDraining(): void {
  holder.appDraining = true;
}

/** Whether this instance is starting, ready, or stopping. */
export function readiness(): "starting" | "ready" | "draining" {
  if (holder.appDraining) return "draining";
  return holder.appStarted === true ? "ready" : "starting";
}
