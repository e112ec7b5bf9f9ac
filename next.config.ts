import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Our server talks to Kratos; Kratos's own redirects must reach the browser untouched.
  skipTrailingSlashRedirect: true,
};

export default nextConfig;
