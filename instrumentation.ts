// Runs once when the server starts: a wrong environment stops it here, with
// every problem named (lib/config/env.ts reads every variable), instead of
// failing on the first request.
export async function register() {
  const { env } = await import("./lib/config/env");
  env();
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // A log line, a request id (sent on to Kratos) and metrics for every request, from the first one.
    const { installRequestObserver } = await import("./lib/ops/request-log");
    installRequestObserver();
    const metrics = env().metrics;
    if (metrics) {
      const { startMetricsServer } = await import("./lib/ops/metrics-server");
      await startMetricsServer(metrics.port, metrics.host);
    }
    // The app's database is opened and migrated before the first request; a failure stops the server.
    const { appDatabase } = await import("./lib/app-db/database");
    await appDatabase();
    // Misconfigurations between the app and Kratos, as warnings (`npm run doctor` has the same checks).
    if (env().doctorAtStartup) {
      const { warnAboutKratosSetup } = await import("./lib/doctor/startup-warnings");
      void warnAboutKratosSetup().catch((error: unknown) => console.warn(`[doctor] could not run: ${String(error)}`));
    }
    const { markStarted, markDraining } = await import("./lib/ops/readiness");
    // The image and the production stack set NEXT_MANUAL_SIG_HANDLE=1, which turns Next's own
    // SIGTERM handler off: this one first takes the instance out of rotation (lib/ops/shutdown.ts).
    if (process.env.NEXT_MANUAL_SIG_HANDLE) {
      const { drain, trackServers } = await import("./lib/ops/shutdown");
      const { unobservedServers } = await import("./lib/ops/request-log");
      const { logEvent } = await import("./lib/ops/log");
      const tracker = trackServers((server) => unobservedServers.has(server));
      const stop = (signal: NodeJS.Signals) => {
        const delayMs = env().shutdownDelayMs;
        logEvent("info", "shutdown_started", { signal, delay_ms: delayMs, in_flight: tracker.inFlight() });
        // 30 s: the longest a submission waits for Kratos (lib/kratos/client.ts).
        void drain(tracker, { delayMs, graceMs: 30_000, onDraining: markDraining }).then((result) => {
          logEvent(result === "drained" ? "info" : "warn", "shutdown_complete", { result });
          process.exit(0);
        });
      };
      process.once("SIGTERM", stop);
      process.once("SIGINT", stop);
    }
    markStarted();
  }
}
