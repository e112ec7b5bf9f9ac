import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { appRoutes, routeOf } from "./routes";

function routesIn(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return routesIn(path, root);
    if (name !== "page.tsx" && name !== "route.ts") return [];
    return ["/" + relative(root, dir).split("\\").join("/")].map((route) => route.replace(/\/$/, "") || "/");
  });
}

describe("routeOf", () => {
  it("names every route in app/, so no request is labelled by its raw path", () => {
    expect([...new Set(routesIn("app"))].sort()).toEqual([...appRoutes].sort());
  });

  it("maps paths to their pattern, without query, and everything else to other", () => {
    expect(routeOf("/login?flow=abc&return_to=x")).toBe("/login");
    expect(routeOf("/self-service/login")).toBe("/self-service/[flow]");
    expect(routeOf("/self-service/settings/restart")).toBe("/self-service/[flow]/restart");
    expect(routeOf("/_next/static/chunks/a.js")).toBe("/_next/static");
    expect(routeOf("/wp-admin/" + "x".repeat(500))).toBe("other");
    expect(routeOf("/metrics")).toBe("other");
  });
});
