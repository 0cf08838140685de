// The deployable build: `node .next/standalone/server.js` (what deploy/ runs under systemd and in
// the container) started on its own, with nothing but its environment: a throwaway SQLite database
// and data directory, a free loopback port, no NEXTAUTH_URL. It must prepare its database, answer
// the load balancer's probes and log no framework warning. The e2e lane has built the app first.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

const STARTUP_LIMIT_MS = 120_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Asks `url` until it answers `status` or the startup limit passes; the last answer or error. */
async function waitFor(url: string, status: number, child: ChildProcess, output: () => string): Promise<Response> {
  const deadline = Date.now() + STARTUP_LIMIT_MS;
  let last = "no answer";
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server.js exited (${child.exitCode}):\n${output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.status === status) return response;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = String(error);
    }
    if (Date.now() > deadline) throw new Error(`${url}: ${last} after ${STARTUP_LIMIT_MS / 1000} s\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

test("the standalone server starts on its own, prepares its database and answers /healthz and /readyz", async ({}, testInfo) => {
  test.setTimeout(STARTUP_LIMIT_MS * 2 + 30_000);
  const root = path.join(path.dirname(testInfo.file), "..");
  const server = path.join(root, ".next", "standalone", "server.js");
  expect(existsSync(server), "`next build` writes .next/standalone/server.js (output: standalone)").toBe(true);
  // As `npm start` and deploy/Dockerfile do: the client assets copied in beside server.js.
  const assembled = spawnSync(process.execPath, ["scripts/standalone.mjs"], { cwd: root, encoding: "utf8" });
  expect(assembled.status, assembled.stderr).toBe(0);

  const dataDir = mkdtempSync(path.join(tmpdir(), "linewatch-standalone-"));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (/^(LINEWATCH_|NEXTAUTH_|AUTH_|DATABASE_URL$)/.test(name)) delete env[name];
  const child = spawn(process.execPath, [server], {
    cwd: dataDir,
    env: {
      ...env,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: `file:${path.join(dataDir, "linewatch.db")}`,
      LINEWATCH_DATA_DIR: dataDir,
      LINEWATCH_DEMO: "0",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const base = `http://127.0.0.1:${port}`;
  try {
    const health = await waitFor(`${base}/healthz`, 200, child, () => output);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await waitFor(`${base}/readyz`, 200, child, () => output);
    expect(await ready.json()).toEqual({
      status: "ready",
      checks: { database: "ok", migrations: "ok", poller: "ok" },
    });

    // A first sign-in's requests: next-auth checks its configuration on the first one.
    expect((await fetch(`${base}/signin`)).status).toBe(200);
    const session = await fetch(`${base}/api/auth/session`);
    expect(session.status).toBe(200);
    const csrf = (await (await fetch(`${base}/api/auth/csrf`)).json()) as { csrfToken?: string };
    expect(csrf.csrfToken).toBeTruthy();

    // It created the first administrator itself, and said so once.
    expect(output).toContain("an administrator was created");
    expect(output, "no framework warning on a first start").not.toMatch(/\[next-auth\]\[warn\]|NEXTAUTH_URL|⚠/);
  } finally {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("the standalone server's entry admits requests as configured, and a wrong LINEWATCH_WEB_CONCURRENCY stops it with a message", async ({}, testInfo) => {
  const root = path.join(path.dirname(testInfo.file), "..");
  const assembled = spawnSync(process.execPath, ["scripts/standalone.mjs"], { cwd: root, encoding: "utf8" });
  expect(assembled.status, assembled.stderr).toBe(0);
  const standalone = path.join(root, ".next", "standalone");
  // Linewatch's entry in front of Next.js's own server.
  expect(existsSync(path.join(standalone, "next-server.js"))).toBe(true);
  expect(existsSync(path.join(standalone, "web-admission.mjs"))).toBe(true);
  const started = spawnSync(process.execPath, [path.join(standalone, "server.js")], {
    cwd: tmpdir(),
    env: { ...process.env, LINEWATCH_WEB_CONCURRENCY: "lots", PORT: "1", HOSTNAME: "127.0.0.1" },
    encoding: "utf8",
    timeout: 30_000,
  });
  expect(started.status).toBe(1);
  expect(started.stderr).toContain(
    'LINEWATCH_WEB_CONCURRENCY must be a whole number from 0 (no limit) to 10000, not "lots"',
  );
});
