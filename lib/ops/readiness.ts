// Liveness and readiness (ARCHITECTURE.md "Liveness and readiness"). Neither
// asks Kratos or Redis: the answer is about this process alone.

const holder = globalThis as typeof globalThis & { appStarted?: boolean };

/** Called by instrumentation.ts once start-up (environment, database, metrics) is done. */
export function markStarted(): void {
  holder.appStarted = true;
}

/** Whether this instance finished starting and may take traffic. */
export function isReady(): boolean {
  return holder.appStarted === true;
}
