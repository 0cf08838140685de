// A Linewatch server under test, started the way operators start it (node scripts/start.mjs in
// its checkout) on its own data directory and port, with the lag probe in every node process.
// The CLI of that checkout creates its API tokens.
import type { ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { LagProbes } from "./lag";
import { freePort, onCleanup, spawnGroup, stopGroup } from "./processes";

export interface ServerUnderTest {
  label: string;
  root: string;
  url: string;
  dataDir: string;
  lag: LagProbes;
  logFile: string;
  /** Runs `lib/cli/main.ts <args>` of this checkout on the server's data; its stdout. */
  cli(args: string[]): Promise<string>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The environment every process of this server gets: its data, no demo fleet, no DATABASE_URL. */
function serverEnv(dataDir: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.NODE_OPTIONS;
  delete env.LINEWATCH_LAG_DIR;
  return {
    ...env,
    LINEWATCH_DATA_DIR: dataDir,
    LINEWATCH_DEMO: "0",
    LINEWATCH_ADMIN_EMAIL: "bench-admin@example.test",
    LINEWATCH_ADMIN_PASSWORD: "bench-admin-password-0000",
    NEXT_TELEMETRY_DISABLED: "1",
    ...extra,
  };
}

export async function runCli(root: string, dataDir: string, args: string[]): Promise<string> {
  const child = spawnGroup(
    path.join(root, "node_modules", ".bin", "tsx"),
    ["--conditions=react-server", "lib/cli/main.ts", ...args],
    { cwd: root, env: serverEnv(dataDir, {}), stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  let err = "";
  child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
  const code = await new Promise<number>((resolve) => child.once("exit", (c) => resolve(c ?? 1)));
  if (code !== 0)
    throw new Error(`linewatch ${args.slice(0, 2).join(" ")} exited ${code}: ${(err || out).trim().slice(-400)}`);
  return out;
}

export async function startServer(options: {
  label: string;
  root: string;
  /** A data directory prepared before (seeded); a fresh one otherwise. */
  dataDir?: string;
  /** Extra environment (LINEWATCH_SKIP_BUILD=1 for a checkout built beforehand). */
  env?: Record<string, string>;
  say: (line: string) => void;
}): Promise<ServerUnderTest> {
  const dataDir =
    options.dataDir ?? mkdtempSync(path.join(tmpdir(), `linewatch-load-${options.label.replace(/\W+/g, "-")}-`));
  const port = await freePort();
  const lag = new LagProbes();
  const logFile = path.join(dataDir, "server.log");
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawnGroup(process.execPath, ["scripts/start.mjs"], {
    cwd: options.root,
    env: serverEnv(dataDir, { ...lag.env(), PORT: String(port), LINEWATCH_HOST: "127.0.0.1", ...options.env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await stopGroup(child);
    log.end();
    lag.remove();
  };
  onCleanup(stop);
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  // A first start may build the app (minutes on two cores).
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${options.label} server exited (${child.exitCode}); see ${logFile}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() - started > 15 * 60_000)
      throw new Error(`${options.label} server not ready after 15 min; see ${logFile}`);
    await sleep(500);
  }
  options.say(
    `${options.label}: server up on ${url} in ${((Date.now() - started) / 1000).toFixed(1)} s (log ${logFile})`,
  );
  return {
    label: options.label,
    root: options.root,
    url,
    dataDir,
    lag,
    logFile,
    cli: (args) => runCli(options.root, dataDir, args),
    stop: async () => {
      await stop();
    },
  };
}

/** Removes a data directory the bench made (never one it was given). */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
