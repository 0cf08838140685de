// Completes `next build`'s standalone output (output: "standalone" in next.config.ts) so that
// .next/standalone/ runs on its own with `node server.js`: Next.js leaves the client assets
// (.next/static) and public/ out of it, to be served by a CDN or copied in, and here they are
// copied in. `npm start` does it before starting the server; run `node scripts/standalone.mjs`
// after `next build` when packaging (deploy/Dockerfile, deploy/README.md).
// server.js itself becomes Linewatch's: it installs the web admission (scripts/web-admission.mjs)
// and the replies' compression (scripts/web-compression.mjs), both copied beside it, and then runs
// Next.js's own, kept as next-server.js. Every way of starting the
// standalone build (npm start, systemd, the container) goes through it.
import { cpSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const MARKER = ".linewatch-assembled";
const ADMISSION = "web-admission.mjs";
const COMPRESSION = "web-compression.mjs";
const NEXT_SERVER = "next-server.js";
/** The first line of the server.js written here: one that has it is not Next.js's. */
const ENTRY_HEADER = "// Linewatch's web server entry";
const ENTRY = `${ENTRY_HEADER} (written by scripts/standalone.mjs; Next.js's own is ${NEXT_SERVER}).
// Requests are admitted a few at a time (LINEWATCH_WEB_CONCURRENCY) and replies compressed by
// Linewatch's rules (Next.js's own compression is off in next.config.ts) before Next.js starts.
import { admissionLimit, installAdmission } from "./${ADMISSION}";
import { installCompression } from "./${COMPRESSION}";

let limit;
try {
  limit = admissionLimit();
} catch (error) {
  console.error(\`[linewatch] \${error.message}\`);
  process.exit(1);
}
installCompression();
installAdmission(limit);
await import("./${NEXT_SERVER}");
`;

/** Puts Linewatch's server.js in front of the one Next.js wrote; files already current are left alone. */
function writeEntry(standalone, scriptsDir) {
  const server = path.join(standalone, "server.js");
  const written = readFileSync(server, "utf8");
  if (!written.startsWith(ENTRY_HEADER)) renameSync(server, path.join(standalone, NEXT_SERVER));
  if (written !== ENTRY) writeFileSync(server, ENTRY);
  for (const script of [ADMISSION, COMPRESSION]) {
    const text = readFileSync(path.join(scriptsDir, script), "utf8");
    const copy = path.join(standalone, script);
    if (!existsSync(copy) || readFileSync(copy, "utf8") !== text) writeFileSync(copy, text);
  }
}

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
  // The entry on every call (a Linewatch update without a rebuild still gets its own); the copies once.
  writeEntry(standalone, path.dirname(fileURLToPath(import.meta.url)));
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
