import { afterEach, describe, expect, test, vi } from "vitest";
import { createLogger, log, prettyLine, withLogContext } from "./log";
import { resetEnvForTests } from "./env";

/** What the logger sends to console, per stream. */
function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((line: unknown) => void out.push(String(line)));
  vi.spyOn(console, "error").mockImplementation((line: unknown) => void err.push(String(line)));
  return { out, err };
}

const saved = { ...process.env };
afterEach(() => {
  vi.restoreAllMocks();
  process.env = { ...saved };
  resetEnvForTests();
});

describe("log lines", () => {
  test("one JSON line per event: level, time, message, fields with secrets masked", () => {
    process.env.LINEWATCH_LOG_FORMAT = "json";
    resetEnvForTests();
    const { out, err } = capture();
    log.info("source test failed", { sourceId: "s1", password: "hunter2", nested: { apiKey: "k", keyPhone: true } });
    log.warn("100% of a site out");
    expect(out).toHaveLength(1);
    const line = JSON.parse(out[0]!);
    expect(line).toMatchObject({
      level: "info",
      msg: "source test failed",
      sourceId: "s1",
      password: "***",
      nested: { apiKey: "***", keyPhone: true },
    });
    expect(new Date(line.time).toISOString()).toBe(line.time);
    expect(out[0]).not.toContain("hunter2");
    // Warnings and errors go to stderr, the rest to stdout, as before.
    expect(err.map((l) => JSON.parse(l))).toMatchObject([{ level: "warn", msg: "100% of a site out" }]);
  });

  test("the level setting drops what is below it", () => {
    process.env.LINEWATCH_LOG_FORMAT = "json";
    process.env.LINEWATCH_LOG_LEVEL = "warn";
    resetEnvForTests();
    const { out, err } = capture();
    log.debug("d");
    log.info("i");
    log.error("e");
    expect(out).toEqual([]);
    expect(err.map((l) => JSON.parse(l).msg)).toEqual(["e"]);
  });

  test("lines logged inside a context carry its fields across awaits; a call's own fields win", async () => {
    process.env.LINEWATCH_LOG_FORMAT = "json";
    resetEnvForTests();
    const { out } = capture();
    await withLogContext({ requestId: "req-12345678" }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      await withLogContext({ sourceId: "s1", source: "Leeds", token: "lw_secret" }, async () => {
        log.info("inner", { sourceId: "s2" });
      });
      log.info("outer");
    });
    log.info("outside");
    const lines = out.map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({
      msg: "inner",
      requestId: "req-12345678",
      sourceId: "s2",
      source: "Leeds",
      token: "***",
    });
    expect(lines[1]).toMatchObject({ msg: "outer", requestId: "req-12345678" });
    expect(lines[1]).not.toHaveProperty("sourceId");
    expect(lines[2]).not.toHaveProperty("requestId");
  });

  test("on a terminal (or LINEWATCH_LOG_FORMAT=pretty), one readable line", () => {
    const { out, err } = capture();
    const logger = createLogger({ logLevel: "info", logFormat: undefined }, true);
    logger.info({ sourceId: "s1", password: "x" }, "poll failed");
    logger.error("broken");
    expect(out[0]).toMatch(
      /^\d{4}-\d\d-\d\dT[\d:.]+Z \x1b\[36mINFO \x1b\[0m poll failed \{"sourceId":"s1","password":"\*\*\*"\}$/,
    );
    expect(err[0]).toContain("broken");
    // Not a terminal: JSON, unless asked otherwise.
    createLogger({ logLevel: "info", logFormat: undefined }, false).info("piped");
    expect(JSON.parse(out[1]!)).toMatchObject({ msg: "piped" });
    createLogger({ logLevel: "info", logFormat: "pretty" }, false).info("asked");
    expect(out[2]).toMatch(/ INFO {2}asked$/);
  });

  test("prettyLine leaves out pid and host", () => {
    const line = JSON.stringify({
      level: "warn",
      time: "2030-01-01T00:00:00.000Z",
      pid: 1,
      hostname: "h",
      msg: "m",
      a: 1,
    });
    expect(prettyLine(line)).toBe('2030-01-01T00:00:00.000Z WARN  m {"a":1}');
  });
});
