// The operator CLI as an operator runs it: a real process on a fresh data directory.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";

const dataDir = mkdtempSync(path.join(tmpdir(), "lw-cli-"));
// The CLI always gets its own SQLite file here; the data layer itself is tested on both databases.
const env = { ...process.env, LINEWATCH_DATA_DIR: dataDir, DATABASE_URL: "" };
delete (env as Record<string, string | undefined>).LINEWATCH_ADMIN_PASSWORD;
delete (env as Record<string, string | undefined>).LINEWATCH_ADMIN_EMAIL;

function cli(...args: string[]) {
  const result = spawnSync("node_modules/.bin/tsx", ["--conditions=react-server", "lib/cli/main.ts", ...args], {
    env,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("linewatch CLI", () => {
  test("prepare migrates and prints the first admin's password once", () => {
    const first = cli("prepare");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/email:\s+admin@linewatch\.local/);
    expect(first.stdout).toMatch(/password: [A-Za-z0-9]{20}/);
    const second = cli("prepare");
    expect(second.code).toBe(0);
    expect(second.stdout).not.toMatch(/password:/);
  });

  test("token create prints the token alone on the last line", () => {
    const result = cli("token", "create", "--name", "ci", "--role", "admin");
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines.at(-1)).toMatch(/^lw_[\w-]{40,}$/);
  });

  test("user create and disable", () => {
    const created = cli("user", "create", "--email", "ops@example.com", "--role", "helpdesk");
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Password \(shown once\): \S{20}/);
    expect(cli("user", "disable", "--email", "ops@example.com").stdout).toMatch(/Disabled ops@example.com/);
    const missing = cli("user", "disable", "--email", "ghost@example.com");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No user with the email ghost@example.com/);
  });

  test("backup, then restore into a fresh data directory with every user", () => {
    const file = path.join(dataDir, "linewatch.backup");
    const taken = cli("backup", "--to", file);
    expect(taken.code, taken.stderr).toBe(0);
    expect(taken.stdout).toMatch(/Backup written to .*linewatch\.backup \(\d+ rows in \d+ tables, \d+ migrations\)/);
    const fresh = mkdtempSync(path.join(tmpdir(), "lw-cli-restore-"));
    try {
      const restoreEnv = { ...env, LINEWATCH_DATA_DIR: fresh };
      const restored = spawnSync(
        "node_modules/.bin/tsx",
        ["--conditions=react-server", "lib/cli/main.ts", "restore", "--from", file],
        { env: restoreEnv, encoding: "utf8", timeout: 60_000 },
      );
      expect(restored.status, restored.stderr).toBe(0);
      expect(restored.stdout).toMatch(/match the manifest/);
      // The restored copy knows the users made above: disabling one there works.
      const disable = spawnSync(
        "node_modules/.bin/tsx",
        ["--conditions=react-server", "lib/cli/main.ts", "user", "disable", "--email", "ops@example.com"],
        { env: restoreEnv, encoding: "utf8", timeout: 60_000 },
      );
      expect(disable.stdout, disable.stderr).toMatch(/Disabled ops@example.com/);
      // Restoring over it again is refused: a restore never lands on live data.
      const again = spawnSync(
        "node_modules/.bin/tsx",
        ["--conditions=react-server", "lib/cli/main.ts", "restore", "--from", file],
        { env: restoreEnv, encoding: "utf8", timeout: 60_000 },
      );
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(/exists: restore into an empty data directory/);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  test("bad arguments give a clear error, the usage and exit 2", () => {
    for (const args of [
      ["user", "create", "--email", "x@example.com", "--role", "boss"],
      ["frobnicate"],
      ["token", "create", "--name", "t", "--role", "admin", "--bogus", "1"],
      ["token", "create", "--role", "admin"],
      [],
    ]) {
      const result = cli(...args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr, args.join(" ")).toMatch(/^Error: .+\n\nUsage:/);
    }
  });
});
