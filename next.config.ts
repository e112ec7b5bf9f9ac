import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // The container image (Dockerfile) and `./stack up --next=prod` both run the
  // self-contained server this writes to .next/standalone: one artifact.
  output: "standalone",
  // The bench builds into its own folder so it can run beside a dev server.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Our server talks to Kratos; Kratos's own redirects must reach the browser untouched.
  skipTrailingSlashRedirect: true,
  // PGlite loads its WebAssembly and data files from its own package folder; pg has optional native parts.
  // prom-client is required once, at run time, rather than copied into each bundle.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "prom-client"],
  // lib/app-db/database.ts imports both at run time, hidden from the bundler (why: there), so the
  // standalone server gets them, and pg's own dependencies, by these globs rather than by tracing.
  outputFileTracingIncludes: {
    "/**": [
      "./node_modules/@electric-sql/pglite/**/*",
      "./node_modules/pg/**/*",
      "./node_modules/pg-*/**/*",
      "./node_modules/pgpass/**/*",
      "./node_modules/postgres-*/**/*",
      "./node_modules/split2/**/*",
      "./node_modules/xtend/**/*",
    ],
  },
};

export default nextConfig;
