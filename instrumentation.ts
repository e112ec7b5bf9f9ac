// Runs once when the server starts: a wrong environment stops it here, with
// every problem named, instead of failing on the first request.
export async function register() {
  const { env } = await import("./lib/config/env");
  env();
  const { guardConfig } = await import("./lib/http/route-guard");
  guardConfig();
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Node-only modules: the proxy and the edge never count attempts or delete accounts.
    const { rateLimitSettings } = await import("./lib/http/rate-limit");
    rateLimitSettings();
    const { parsePrivilegedMaxAge } = await import("./lib/account/deletion");
    parsePrivilegedMaxAge(process.env);
  }
}
