// Runs once when the server starts: a wrong environment stops it here, with
// every problem named (lib/config/env.ts reads every variable), instead of
// failing on the first request.
export async function register() {
  const { env } = await import("./lib/config/env");
  env();
}
