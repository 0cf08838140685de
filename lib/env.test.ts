import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { ConfigError, env, loadEnv, resetEnvForTests, sessionSecret } from "./env";
import { activeTargetPolicy, configureTargets } from "./soap/targets";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
  configureTargets(undefined);
});

describe("configuration", () => {
  test("defaults to a SQLite file in the data directory", () => {
    const e = loadEnv({ LINEWATCH_DATA_DIR: "/tmp/lw" });
    expect(e.database).toEqual({ provider: "sqlite", file: "/tmp/lw/linewatch.db", url: "file:/tmp/lw/linewatch.db" });
    expect(e.port).toBe(3000);
  });

  test("a postgres URL selects PostgreSQL; anything else is refused clearly", () => {
    expect(loadEnv({ DATABASE_URL: "postgres://u@h/db" }).database.provider).toBe("postgresql");
    expect(loadEnv({ DATABASE_URL: "postgresql://u@h/db" }).database.provider).toBe("postgresql");
    expect(() => loadEnv({ DATABASE_URL: "mysql://u@h/db" })).toThrow(ConfigError);
    expect(() => loadEnv({ PORT: "http" })).toThrow(/PORT/);
  });

  test("without NEXTAUTH_SECRET a strong secret is generated once into the data directory and logged", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lw-env-"));
    process.env.LINEWATCH_DATA_DIR = dir;
    delete process.env.NEXTAUTH_SECRET;
    resetEnvForTests();
    const lines: string[] = [];
    const first = sessionSecret((l) => lines.push(l));
    expect(first.length).toBeGreaterThanOrEqual(64);
    expect(lines.join("\n")).toMatch(/generated a session secret/);
    expect(readFileSync(path.join(dir, "nextauth-secret"), "utf8").trim()).toBe(first);
    expect(statSync(path.join(dir, "nextauth-secret")).mode & 0o777).toBe(0o600);
    resetEnvForTests();
    const again: string[] = [];
    expect(sessionSecret((l) => again.push(l))).toBe(first);
    expect(again).toEqual([]);
  });

  test("a given secret shorter than 32 bytes refuses to start", () => {
    process.env.NEXTAUTH_SECRET = "short";
    resetEnvForTests();
    expect(() => sessionSecret()).toThrow(/shorter than 32 bytes/);
    process.env.NEXTAUTH_SECRET = "x".repeat(32);
    resetEnvForTests();
    expect(sessionSecret()).toBe("x".repeat(32));
  });

  test("LINEWATCH_ALLOWED_TARGETS: unset or blank is the default; entries split on commas and spaces", () => {
    expect(loadEnv({}).allowedTargets).toBeUndefined();
    expect(loadEnv({ LINEWATCH_ALLOWED_TARGETS: "  " }).allowedTargets).toBeUndefined();
    expect(
      loadEnv({ LINEWATCH_ALLOWED_TARGETS: "10.0.0.0/8, cme.example.com *.voice.example.com" }).allowedTargets,
    ).toEqual(["10.0.0.0/8", "cme.example.com", "*.voice.example.com"]);
  });

  test("a bad LINEWATCH_ALLOWED_TARGETS entry refuses to start, naming the setting and the entry", () => {
    expect(() => loadEnv({ LINEWATCH_ALLOWED_TARGETS: "10.0.0.0/8, 10.0.0.0/40" })).toThrow(ConfigError);
    expect(() => loadEnv({ LINEWATCH_ALLOWED_TARGETS: "ftp://router" })).toThrow(
      /LINEWATCH_ALLOWED_TARGETS.*"ftp:\/\/router"/,
    );
  });

  test("LINEWATCH_TIME_ZONE: an IANA zone for the whole organisation, or each viewer's own when unset", () => {
    expect(loadEnv({ LINEWATCH_TIME_ZONE: "America/Chicago" }).timeZone).toBe("America/Chicago");
    expect(loadEnv({}).timeZone).toBeUndefined();
    expect(loadEnv({ LINEWATCH_TIME_ZONE: "" }).timeZone).toBeUndefined();
    expect(() => loadEnv({ LINEWATCH_TIME_ZONE: "Central Time" })).toThrow(/LINEWATCH_TIME_ZONE.*IANA/);
  });

  test("loading the configuration installs the transport's target policy", () => {
    process.env.LINEWATCH_ALLOWED_TARGETS = "10.0.0.0/8";
    resetEnvForTests();
    env();
    expect(activeTargetPolicy().entries).toEqual(["10.0.0.0/8"]);
  });
});
