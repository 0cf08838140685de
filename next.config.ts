import type { NextConfig } from "next";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  // Content-Security-Policy (with a per-request script nonce) and HSTS are set in proxy.ts.
];

const config: NextConfig = {
  poweredByHeader: false,
  // Native and CLI-spawning server packages stay outside the bundle; so do pino (its transports
  // would start worker threads from files a bundle lacks) and prom-client (one registry per process,
  // shared by every route bundle).
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "bcryptjs",
    "pino",
    "prom-client",
  ],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default config;
