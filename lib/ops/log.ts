// Structured logs: one JSON object per line on stdout, which every log shipper
// reads without a pattern. Callers pass only fields that hold no secret (ids,
// paths, statuses, durations); lib/ops/request-log.ts decides what of a
// request may be written.

/** A value a log line may carry. */
export type LogValue = string | number | boolean | null | undefined;

/** Writes one JSON line: time, level, event name and the given fields. */
export function logEvent(level: "info" | "warn" | "error", event: string, fields: Record<string, LogValue> = {}): void {
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
  if (level === "info") process.stdout.write(`${line}\n`);
  else process.stderr.write(`${line}\n`);
}

/** An error as a log field: its name and message, never its stack or cause (which may quote a request). */
export function errorField(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
