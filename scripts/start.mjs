// `npm start`: generate the Prisma clients if missing, build if the sources are newer than the
// last build, apply migrations and create the first admin, then serve on PORT (default 3000) and
// run the poll worker as a process of its own beside the web server (restarted if it dies).
// LINEWATCH_WORKER=inline polls inside the web process; =remote runs no worker here (they run
// elsewhere, with `npm run linewatch -- worker`, on the same PostgreSQL).
// The web server is the build's standalone server (.next/standalone/server.js, what deploy/ runs),
// or `next start` for a build made without standalone output.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { networkInterfaces } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { assembleStandalone } from "./standalone.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = (name) => path.join(root, "node_modules", ".bin", name);

function run(cmd, args, env = process.env) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function newestMtime(entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of readdirSync(full)) {
    if (child === "generated" || child === "node_modules" || child.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

if (!existsSync(path.join(root, "lib/db/generated/sqlite/client.ts")))
  run(process.execPath, ["scripts/prisma-schemas.mjs"]);

const buildId = path.join(root, ".next", "BUILD_ID");
const sources = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.ts",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
];
const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
if (process.env.LINEWATCH_SKIP_BUILD !== "1" && Math.max(...sources.map(newestMtime)) > built) {
  console.log("[linewatch] Building the app (first start or sources changed)…");
  run(bin("next"), ["build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
}

// The standalone server runs in .next/standalone (its server.js changes directory there): the data
// directory and a relative SQLite path are fixed here, once, to the project folder every process
// of this start shares.
if (process.env.LINEWATCH_DATA_DIR !== "")
  process.env.LINEWATCH_DATA_DIR = path.resolve(root, process.env.LINEWATCH_DATA_DIR ?? "data");
const databaseUrl = process.env.DATABASE_URL ?? "";
if (databaseUrl.startsWith("file:"))
  process.env.DATABASE_URL = `file:${path.resolve(root, databaseUrl.slice("file:".length))}`;

run(bin("tsx"), ["--conditions=react-server", "lib/cli/main.ts", "prepare"]);

const port = process.env.PORT ?? "3000";
const workerMode = process.env.LINEWATCH_WORKER ?? "process";
// The worker runs at a lower CPU priority than the web server: where the two share cores, people's
// requests go first and polls wait a few milliseconds (a poll is mostly waiting on the network;
// the scheduler and the "behind" banner notice if they ever fall behind). 0 turns this off.
const workerNice = Number(process.env.LINEWATCH_WORKER_NICE ?? "10");
if (!Number.isInteger(workerNice) || workerNice < 0 || workerNice > 19) {
  console.error(
    `[linewatch] LINEWATCH_WORKER_NICE must be a whole number from 0 to 19, not "${process.env.LINEWATCH_WORKER_NICE}"`,
  );
  process.exit(1);
}
const niceBin = ["/usr/bin/nice", "/bin/nice"].find((p) => existsSync(p));

/** What `next start` listens on without -H: every IPv6 and IPv4 address, or every IPv4 one. */
function allInterfaces() {
  const ipv6 = Object.values(networkInterfaces()).some((addresses) => addresses?.some((a) => a.family === "IPv6"));
  return ipv6 ? "::" : "0.0.0.0";
}

const standaloneServer = assembleStandalone(root);
const [serverCommand, serverArgs] = standaloneServer
  ? [process.execPath, [standaloneServer]]
  : [bin("next"), ["start", "-p", port, ...(process.env.LINEWATCH_HOST ? ["-H", process.env.LINEWATCH_HOST] : [])]];
console.log(`[linewatch] Starting on http://${process.env.LINEWATCH_HOST ?? "localhost"}:${port}`);
const children = new Set();
let stopping = false;

const server = spawn(serverCommand, serverArgs, {
  cwd: root,
  stdio: "inherit",
  // With the worker apart, the web's SQLite connection runs in a thread of its own, so its event
  // loop never waits for a query. A web that polls itself (inline) keeps the in-process connection.
  env: {
    ...(workerMode === "inline" ? {} : { LINEWATCH_SQLITE_THREAD: "1" }),
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    LINEWATCH_WORKER: workerMode,
    // The standalone server's own names for them (a shell's HOSTNAME is the machine's name).
    PORT: port,
    HOSTNAME: process.env.LINEWATCH_HOST || allInterfaces(),
  },
});
children.add(server);
server.on("exit", (code) => {
  children.delete(server);
  stop("SIGTERM", code ?? 0);
});

// The worker is supervised: one that dies is started again, sooner after a long healthy run.
let worker = null;
let restartDelayMs = 1_000;
function startWorker() {
  const startedAt = Date.now();
  // Node with tsx as a loader (not the tsx wrapper): signals reach the worker itself. Through
  // `nice` (it execs node: same pid, and every thread of node inherits the priority).
  const command = [process.execPath, "--import", "tsx", "--conditions=react-server", "lib/cli/main.ts", "worker"];
  const [file, ...rest] = niceBin && workerNice > 0 ? [niceBin, "-n", String(workerNice), ...command] : command;
  worker = spawn(file, rest, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", LINEWATCH_WORKER: workerMode },
  });
  children.add(worker);
  worker.on("exit", (code, signal) => {
    children.delete(worker);
    worker = null;
    if (stopping) return maybeExit();
    restartDelayMs = Date.now() - startedAt > 60_000 ? 1_000 : Math.min(restartDelayMs * 2, 30_000);
    console.error(
      `[linewatch] The poll worker stopped (${signal ?? `exit ${code}`}); starting it again in ${restartDelayMs / 1000} s`,
    );
    setTimeout(() => !stopping && startWorker(), restartDelayMs).unref();
  });
}
if (workerMode === "process") startWorker();

let exitCode = 0;
function maybeExit() {
  if (children.size === 0) process.exit(exitCode);
}
function stop(signal, code = 0) {
  if (!stopping) exitCode = code;
  stopping = true;
  for (const child of children) child.kill(signal);
  maybeExit();
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stop(signal));
