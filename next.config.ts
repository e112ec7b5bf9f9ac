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
};

export default nextConfig;
