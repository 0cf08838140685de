// Starts a throwaway PostgreSQL cluster on a free loopback port for tests and CI, and removes
// it on stop. As root it runs the server as the "postgres" system user, since initdb refuses root.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, chownSync, existsSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

function postgresBinDir() {
  if (process.env.LINEWATCH_PG_BIN) return process.env.LINEWATCH_PG_BIN;
  const base = "/usr/lib/postgresql";
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(path.join(base, v, "bin/initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(base, versions[0], "bin");
  }
  throw new Error("PostgreSQL server binaries not found: install postgresql or set LINEWATCH_PG_BIN");
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function startThrowawayPostgres() {
  const bin = postgresBinDir();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), "linewatch-pg-"));
  // Node drops privileges itself (spawn's uid/gid), so signals reach the server directly.
  const user = {};
  if (asRoot) {
    user.uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    user.gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, user.uid, user.gid);
  }
  const data = path.join(dir, "data");
  execFileSync(path.join(bin, "initdb"), ["-D", data, "-U", "linewatch", "--auth=trust", "-E", "UTF8", "--no-sync"], {
    stdio: "ignore",
    cwd: dir,
    ...user,
  });
  const port = await freePort();
  const args = [
    "-D",
    data,
    "-p",
    String(port),
    "-h",
    "127.0.0.1",
    "-k",
    dir,
    "-c",
    "fsync=off",
    "-c",
    "synchronous_commit=off",
    "-c",
    "full_page_writes=off",
  ];
  const server = spawn(path.join(bin, "postgres"), args, { stdio: ["ignore", "ignore", "pipe"], cwd: dir, ...user });
  let log = "";
  server.stderr.on("data", (chunk) => {
    log = (log + chunk).slice(-4000);
  });
  const ready = path.join(bin, "pg_isready");
  for (let i = 0; ; i++) {
    try {
      execFileSync(ready, ["-h", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
      break;
    } catch {
      if (i > 100 || server.exitCode !== null) throw new Error(`throwaway PostgreSQL did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  execFileSync(path.join(bin, "createdb"), ["-h", "127.0.0.1", "-p", String(port), "-U", "linewatch", "linewatch"], {
    stdio: "ignore",
  });
  const url = `postgresql://linewatch@127.0.0.1:${port}/linewatch`;
  const stop = async () => {
    if (server.exitCode === null) {
      server.kill("SIGQUIT"); // immediate shutdown: the data is thrown away anyway
      await new Promise((r) => server.once("exit", r));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return { url, port, stop };
}

// `node scripts/throwaway-postgres.mjs -- <command...>` runs a command with DATABASE_URL-style
// LINEWATCH_TEST_DATABASE_URL set to a fresh cluster, then tears it down.
if (import.meta.url === `file://${process.argv[1]}`) {
  const sep = process.argv.indexOf("--");
  const command = sep >= 0 ? process.argv.slice(sep + 1) : [];
  const pg = await startThrowawayPostgres();
  let code = 0;
  try {
    if (command.length === 0) {
      console.log(pg.url);
    } else {
      const child = spawn(command[0], command.slice(1), {
        stdio: "inherit",
        env: { ...process.env, LINEWATCH_TEST_DATABASE_URL: pg.url },
      });
      code = await new Promise((r) => child.once("exit", (c) => r(c ?? 1)));
    }
  } finally {
    await pg.stop();
  }
  process.exit(code);
}
