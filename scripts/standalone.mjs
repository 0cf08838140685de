// Completes `next build`'s standalone output (output: "standalone" in next.config.ts) so that
// .next/standalone/ runs on its own with `node server.js`: Next.js leaves the client assets
// (.next/static) and public/ out of it, to be served by a CDN or copied in, and here they are
// copied in. `npm start` does it before starting the server; run `node scripts/standalone.mjs`
// after `next build` when packaging (deploy/Dockerfile, deploy/README.md).
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const MARKER = ".linewatch-assembled";

/**
 * The standalone server of the build in `root`, with its static assets in place; null when the
 * last build made no standalone output. Copies once per build (the marker holds the build id), so
 * a second start, or a test beside a running server, leaves the files alone.
 */
export function assembleStandalone(root) {
  const dist = path.join(root, ".next");
  const standalone = path.join(dist, "standalone");
  const server = path.join(standalone, "server.js");
  if (!existsSync(server)) return null;
  const buildId = readFileSync(path.join(dist, "BUILD_ID"), "utf8").trim();
  const marker = path.join(standalone, MARKER);
  if (existsSync(marker) && readFileSync(marker, "utf8").trim() === buildId) return server;
  const copies = [
    [path.join(dist, "static"), path.join(standalone, ".next", "static")],
    [path.join(root, "public"), path.join(standalone, "public")],
  ];
  for (const [from, to] of copies) {
    rmSync(to, { recursive: true, force: true });
    if (existsSync(from)) cpSync(from, to, { recursive: true });
  }
  writeFileSync(marker, `${buildId}\n`);
  return server;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const server = assembleStandalone(root);
  if (!server) {
    console.error('No .next/standalone/server.js: run `next build` with output: "standalone" first.');
    process.exit(1);
  }
  console.log(`Standalone server ready: ${path.relative(root, server)} (copy .next/standalone/ to deploy)`);
}
