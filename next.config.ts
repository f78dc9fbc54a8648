import type { NextConfig } from "next";
import { apiContentSecurityPolicy, commonSecurityHeaders } from "./lib/security/headers";

// Carport runs on machines that may not reach the internet; never phone home.
process.env.NEXT_TELEMETRY_DISABLED = "1";

const nextConfig: NextConfig = {
  // The embedded engine (server/) uses native or require-time-resolved modules that
  // must be loaded by Node at runtime, not bundled.
  serverExternalPackages: ["better-sqlite3", "msgpackr", "msgpackr-extract", "@node-rs/crc32"],
  poweredByHeader: false,
  reactStrictMode: true,
  // Pages get their nonce policy from proxy.ts; API answers (JSON, some with secrets) are never cached or framed.
  async headers() {
    return [
      { source: "/:path*", headers: [...commonSecurityHeaders] },
      {
        source: "/api/:path*",
        headers: [
          { key: "Content-Security-Policy", value: apiContentSecurityPolicy },
          { key: "Cache-Control", value: "no-store" },
        ],
      },
    ];
  },
};

export default nextConfig;
