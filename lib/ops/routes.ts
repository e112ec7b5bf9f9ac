// Every route this app serves, as a pattern: the label of the request metrics
// and logs. Raw paths would let any client add label values (and memory) at
// will; a path that matches none is "other". lib/ops/routes.test.ts fails when
// app/ gains a route this list does not name.

/** The app's routes (every page.tsx and route.ts under app/), with [param] for a dynamic segment. */
export const appRoutes: readonly string[] = [
  "/",
  "/account/delete",
  "/account/delete/confirm",
  "/account/deleted",
  "/api/auth/flows/login",
  "/api/auth/flows/logout",
  "/api/auth/flows/registration",
  "/api/auth/openapi.json",
  "/api/auth/whoami",
  "/api/documents",
  "/api/health",
  "/api/health/ready",
  "/bench-floor",
  "/error",
  "/internal/auth/user-created",
  "/internal/auth/user-verified",
  "/kratos/webauthn.js",
  "/language",
  "/locale",
  "/login",
  "/logout",
  "/recovery",
  "/registration",
  "/self-service/[flow]",
  "/self-service/[flow]/restart",
  "/sessions",
  "/sessions/revoke",
  "/settings",
  "/unavailable",
  "/verification",
  "/verify",
];

const exact = new Set(appRoutes.filter((route) => !route.includes("[")));
const dynamic = appRoutes
  .filter((route) => route.includes("["))
  .map((route) => ({ route, segments: route.split("/") }));

/** The route pattern a request path falls under: one of appRoutes, "/_next/static", "/_next/data", or "other". */
export function routeOf(path: string): string {
  const pathname = (path.split(/[?#]/, 1)[0] ?? "").replace(/\/+$/, "") || "/";
  if (exact.has(pathname)) return pathname;
  if (pathname.startsWith("/_next/static/")) return "/_next/static";
  if (pathname.startsWith("/_next/")) return "/_next";
  const segments = pathname.split("/");
  for (const { route, segments: pattern } of dynamic) {
    if (
      pattern.length === segments.length &&
      pattern.every((part, i) => part.startsWith("[") || part === segments[i])
    ) {
      return route;
    }
  }
  return "other";
}
