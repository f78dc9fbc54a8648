import type { NextConfig } from "next";

// Carport runs on machines that may not reach the internet; never phone home.
process.env.NEXT_TELEMETRY_DISABLED = "1";

const nextConfig: NextConfig = {
  // The embedded engine (server/) uses native or require-time-resolved modules that
  // must be loaded by Node at runtime, not bundled.
  serverExternalPackages: ["better-sqlite3", "msgpackr", "msgpackr-extract", "@node-rs/crc32"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
