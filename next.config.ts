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
  // Replies are compressed by the standalone server.js instead (scripts/web-compression.mjs):
  // JSON whole and once per distinct body, nothing under 1 KB. Next.js's own gzipped every reply
  // as a stream, unsized, once per reader. `next dev` therefore sends replies uncompressed.
  compress: false,
  // `next build` also writes .next/standalone/: server.js with only the files it needs, which
  // `npm start` and deploy/ (systemd, Docker) run without building (scripts/standalone.mjs copies
  // the client assets in).
  output: "standalone",
  // Read by path at run time, so the build's tracing cannot see them: the migrations the server
  // applies at start (lib/db/migrate.ts), the SQLite thread's scripts (lib/db/sqlite-adapter.ts)
  // and what the standalone server.js imports around Next.js (scripts/standalone.mjs).
  outputFileTracingIncludes: {
    "/**": [
      "./prisma/migrations/**/*.sql",
      "./lib/db/sqlite-thread.mjs",
      "./lib/db/sqlite-begin.mjs",
      "./node_modules/next/dist/compiled/compression/**",
    ],
  },
  // Never shipped, whatever a future dynamic file access makes the tracing pick up: the local
  // database, secrets and test data.
  outputFileTracingExcludes: {
    "/**": ["./data/**", "./.e2e/**", "./.env*", "./test-results/**"],
  },
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
