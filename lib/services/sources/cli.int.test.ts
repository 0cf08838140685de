// `source …` and `secret rotate` as an operator runs them: real processes on a fresh data
// directory, talking to simulators in this process (so the CLI is spawned asynchronously).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startCmeSimulator, type CmeSimulator } from "@/lib/simulators/cme";
import { startCucmSimulator, type CucmSimulator } from "@/lib/simulators/cucm";

const dataDir = mkdtempSync(path.join(tmpdir(), "lw-cli-sources-"));
// The CLI always gets its own SQLite file here; the data layer itself is tested on both databases.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  LINEWATCH_DATA_DIR: dataDir,
  DATABASE_URL: "",
  LINEWATCH_LOG_LEVEL: "warn",
};
for (const name of [
  "LINEWATCH_ADMIN_PASSWORD",
  "LINEWATCH_ADMIN_EMAIL",
  "LINEWATCH_SECRET_KEY",
  "LINEWATCH_SECRET_KEY_OLD",
])
  delete env[name];
const ROUTER_PW = "cli-router-pw";
const CLUSTER_PW = "cli-cluster-pw";
const outputs: string[] = [];

let router: CmeSimulator;
let cluster: CucmSimulator;

function cli(args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("node_modules/.bin/tsx", ["--conditions=react-server", "lib/cli/main.ts", ...args], {
      env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      outputs.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input ?? "");
  });
}

beforeAll(async () => {
  [router, cluster] = await Promise.all([
    startCmeSimulator({ dialect: "2008", xmlUser: "xml", xmlPassword: ROUTER_PW, router: { hostname: "cli-router" } }),
    startCucmSimulator({ nodes: 2, devices: 5, credentials: { user: "ris", password: CLUSTER_PW } }),
  ]);
  expect((await cli(["migrate"])).code).toBe(0);
});
afterAll(async () => {
  await Promise.all([router?.close(), cluster?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe("source CLI", () => {
  test("source add: a router with the password on stdin, a cluster with a password file", async () => {
    const added = await cli(
      [
        "source",
        "add",
        "--kind",
        "cme",
        "--name",
        "Leeds",
        "--site",
        "Leeds",
        "--url",
        router.url,
        "--username",
        "xml",
        "--password-stdin",
        "--timeout",
        "5",
      ],
      `${ROUTER_PW}\n`,
    );
    expect(added.stderr).toBe("");
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/Added router Leeds \(http:\/\/127\.0\.0\.1:\d+\), polled every 120 s\./);

    const passwordFile = path.join(dataDir, "cluster-password");
    writeFileSync(passwordFile, `${CLUSTER_PW}\n`, { mode: 0o600 });
    const nodes = cluster.urls.flatMap((u) => ["--url", new URL(u).origin]);
    const cucm = await cli([
      "source",
      "add",
      "--kind",
      "cucm",
      "--name",
      "HQ",
      ...nodes,
      "--username",
      "ris",
      "--password-file",
      passwordFile,
      "--budget",
      "6",
      "--reserve",
      "1",
      "--cap",
      "500",
      "--interval",
      "600",
      "--tls",
      "insecure",
    ]);
    expect(cucm.code).toBe(0);
    expect(cucm.stdout).toMatch(/Added cluster HQ .*polled every 600 s\./);
    expect(cucm.stdout).toMatch(/Warning: certificate verification is off/);

    const wrong = await cli([
      "source",
      "add",
      "--kind",
      "cme",
      "--name",
      "Wrong",
      "--url",
      router.url,
      "--username",
      "xml",
      "--password",
      "not-it",
    ]);
    expect(wrong.code).toBe(0);
  });

  test("source add refuses bad input with the field, or the usage", async () => {
    const [badUrl, duplicate, noPassword, badKind] = await Promise.all([
      cli([
        "source",
        "add",
        "--kind",
        "cme",
        "--name",
        "Bad",
        "--url",
        "router.example",
        "--username",
        "xml",
        "--password",
        "x",
      ]),
      cli([
        "source",
        "add",
        "--kind",
        "cme",
        "--name",
        "Leeds",
        "--url",
        router.url,
        "--username",
        "xml",
        "--password",
        "x",
      ]),
      cli(["source", "add", "--kind", "cme", "--name", "NoPw", "--url", router.url, "--username", "xml"]),
      cli([
        "source",
        "add",
        "--kind",
        "axl",
        "--name",
        "K",
        "--url",
        router.url,
        "--username",
        "xml",
        "--password",
        "x",
      ]),
    ]);
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr).toMatch(/^Error: Invalid urls\.0: /);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/A source named Leeds already exists/);
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toMatch(/^Error: Give the password once/);
    expect(badKind.code).toBe(2);
  });

  test("source list shows every source with its health", async () => {
    const listed = await cli(["source", "list"]);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^NAME\s+KIND\s+SITE\s+POLLING\s+HEALTH\s+LAST SUCCESS\s+ADDRESS$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(["HQ", "Leeds", "Wrong"]);
    expect(listed.stdout).toMatch(/Leeds\s+cme\s+Leeds\s+enabled\s+Not polled yet\s+never\s+http:\/\/127/);
    // --json: the API's shape, for scripts; never a password.
    const json = await cli(["source", "list", "--json"]);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { items: { name: string; kind: string; health: { status: string } }[] };
    expect(parsed.items.map((s) => s.name)).toEqual(["HQ", "Leeds", "Wrong"]);
    expect(parsed.items.find((s) => s.name === "Leeds")).toMatchObject({ kind: "cme", health: { status: "unknown" } });
    expect(json.stdout).not.toMatch(/password/i);
  });

  test("user list and token list print a table, or the API's JSON with --json, never a secret", async () => {
    const created = await cli(["user", "create", "--email", "ops@example.org", "--role", "helpdesk", "--name", "Ops"]);
    expect(created.code).toBe(0);
    const users = await cli(["user", "list"]);
    expect(users.stdout.split("\n")[0]).toMatch(/^EMAIL\s+NAME\s+ROLE\s+STATE\s+LAST SIGN-IN$/);
    expect(users.stdout).toMatch(/ops@example\.org\s+Ops\s+helpdesk\s+active\s+never/);
    const usersJson = JSON.parse((await cli(["user", "list", "--json"])).stdout) as {
      items: { email: string; role: string }[];
    };
    expect(usersJson.items).toContainEqual(expect.objectContaining({ email: "ops@example.org", role: "helpdesk" }));
    expect(JSON.stringify(usersJson)).not.toMatch(/passwordHash|password/i);

    const token = await cli(["token", "create", "--name", "exporter", "--role", "viewer"]);
    const secret = token.stdout.trim().split("\n").at(-1)!;
    const tokens = await cli(["token", "list", "--json"]);
    expect(tokens.code).toBe(0);
    const tokensJson = JSON.parse(tokens.stdout) as {
      items: { name: string; role: string; revokedAt: string | null }[];
    };
    expect(tokensJson.items).toContainEqual(
      expect.objectContaining({ name: "exporter", role: "viewer", revokedAt: null }),
    );
    expect(tokens.stdout).not.toContain(secret);
    expect((await cli(["token", "list"])).stdout).toMatch(/exporter\s+\S+\s+viewer\s+active\s+never\s+never/);
  });

  test("source test reports what it found, or the failure in plain words with exit 1", async () => {
    const [ok, cucm, refused, unknown] = await Promise.all([
      cli(["source", "test", "Leeds"]),
      cli(["source", "test", "HQ"]),
      cli(["source", "test", "Wrong"]),
      cli(["source", "test", "Nowhere"]),
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Leeds: OK in \d+ ms\. CME router cli-router answered/);
    expect(cucm.code).toBe(0);
    expect(cucm.stdout).toMatch(/^HQ: OK in \d+ ms\. Cluster answered from 127\.0\.0\.1:\d+: 2 of 2 nodes reporting/);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(
      "Error: Wrong: test failed (AuthError): The device refused the user name or password.",
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No source named Nowhere/);
  });

  test("source disable and remove", async () => {
    expect((await cli(["source", "disable", "Leeds"])).stdout).toMatch(/Disabled Leeds\./);
    expect((await cli(["source", "remove", "Wrong"])).stdout).toMatch(/Removed Wrong and its data\./);
    const listed = await cli(["source", "list"]);
    expect(listed.stdout).toMatch(/Leeds\s+cme\s+Leeds\s+disabled/);
    expect(listed.stdout).not.toMatch(/Wrong/);
  });

  test("secret rotate moves every password to a new key file; sources still test fine", async () => {
    const rotated = await cli(["secret", "rotate"]);
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(
      /^Re-sealed 2 secret\(s\) \(source passwords, alert channel secrets\) with key [0-9a-f]{12} \(from [0-9a-f]{12}\); 0 already used it\./,
    );
    expect((await cli(["source", "test", "Leeds"])).code).toBe(0);
    expect((await cli(["source", "test", "HQ"])).code).toBe(0);
  });

  test("no command printed a password", () => {
    for (const text of outputs)
      for (const secret of [ROUTER_PW, CLUSTER_PW, "not-it"]) expect(text).not.toContain(secret);
  });
});
