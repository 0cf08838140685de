// The structured logger (pino): one JSON line per event with its level, time, message and fields,
// secrets masked by key name, and the request id or poll source of the work it belongs to
// (withLogContext). On a terminal, one readable line instead (LINEWATCH_LOG_FORMAT overrides).
import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type Logger } from "pino";
import { maskSecrets } from "@/lib/mask";
import { env, type Env } from "@/lib/env";

type Level = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

const context = new AsyncLocalStorage<LogFields>();

/**
 * Runs `work` with `fields` on every line logged inside it, through awaits and timers: the route
 * wrapper adds the request id, a poll its source. Inner fields win; a call's own fields win over both.
 */
export function withLogContext<T>(fields: LogFields, work: () => T): T {
  return context.run({ ...context.getStore(), ...fields }, work);
}

const levelColor: Record<string, string> = { debug: "\x1b[90m", info: "\x1b[36m", warn: "\x1b[33m", error: "\x1b[31m" };

/** A JSON line as a person reads it: time, level, message, then the fields (pid and host left out). */
export function prettyLine(json: string, color = false): string {
  const { time, level, msg, pid: _pid, hostname: _host, ...fields } = JSON.parse(json) as Record<string, unknown>;
  const name = String(level).toUpperCase().padEnd(5);
  const shown = color ? `${levelColor[String(level)] ?? ""}${name}\x1b[0m` : name;
  const rest = Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : "";
  return `${String(time)} ${shown} ${String(msg ?? "")}${rest}`;
}

/**
 * Lines go out through console (info and debug to stdout, warn and error to stderr), so tests that
 * watch console and the reliability bench's capture of stdout see them; no worker-thread transport.
 */
function consoleStream(print: (line: string) => void, pretty: boolean, color: boolean) {
  return { write: (line: string) => print(pretty ? prettyLine(line, color) : line.trimEnd()) };
}

export function createLogger(config: Pick<Env, "logLevel" | "logFormat">, tty = process.stdout.isTTY === true): Logger {
  const pretty = (config.logFormat ?? (tty ? "pretty" : "json")) === "pretty";
  const color = pretty && tty;
  return pino(
    {
      level: config.logLevel,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        // Every field, the context's too, passes the same masking as before pino.
        log: (fields) => maskSecrets(fields) as Record<string, unknown>,
      },
      mixin: () => ({ ...context.getStore() }),
    },
    pino.multistream(
      [
        { level: "debug", stream: consoleStream((line) => console.log(line), pretty, color) },
        { level: "warn", stream: consoleStream((line) => console.error(line), pretty, color) },
      ],
      { dedupe: true },
    ),
  );
}

// Built on first use and again if tests reload the configuration.
let current: { config: Env; logger: Logger } | undefined;

function logger(): Logger {
  const config = env();
  if (current?.config !== config) current = { config, logger: createLogger(config) };
  return current.logger;
}

function write(level: Level, message: string, fields?: LogFields) {
  const target = logger();
  if (!target.isLevelEnabled(level)) return;
  if (fields) target[level](fields, message);
  else target[level](message);
}

export const log = {
  debug: (m: string, f?: LogFields) => write("debug", m, f),
  info: (m: string, f?: LogFields) => write("info", m, f),
  warn: (m: string, f?: LogFields) => write("warn", m, f),
  error: (m: string, f?: LogFields) => write("error", m, f),
};
