// Runs once when the server starts: a wrong environment stops it here, with
// every problem named, instead of failing on the first request.
export async function register() {
  const { env } = await import("./lib/env");
  env();
  const { guardConfig } = await import("./lib/route-guard");
  guardConfig();
}
