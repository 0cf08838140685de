// ISexecCLI: runs a realistic subset of CME configuration commands (ephone, ephone-dn, voice
// register pool/dn, telephony-service) line by line; the first bad line stops the batch.
import {
  CommandError,
  ephoneCommand,
  ephoneDnCommand,
  INVALID_INPUT,
  poolCommand,
  tagIn,
  telephonyServiceCommand,
  voiceRegisterDnCommand,
  type Command,
} from "./exec-cli-modes";
import { newEphone, newEphoneDn, newPool, newVoiceRegisterDn } from "./model";
import type { RouterState } from "./state";

/** ISexecCLIResponse / ISexecCLIError: 0 and "" when every line ran. */
export interface ExecResult {
  failedLine: number;
  error: string;
}

type Mode =
  | { kind: "config" }
  | { kind: "telephony-service" }
  | { kind: "ephone"; tag: number }
  | { kind: "ephone-dn"; tag: number }
  | { kind: "pool"; tag: number }
  | { kind: "voice-register-dn"; tag: number };

export function execCli(state: RouterState, lines: readonly string[]): ExecResult {
  let mode: Mode = { kind: "config" };
  let result: ExecResult = { failedLine: 0, error: "" };
  for (const [index, line] of lines.entries()) {
    const command = parseCommand(line);
    if (!command) continue; // blank lines and "!" comments, as in a pasted config
    try {
      // Like IOS, a command the sub-mode does not know is tried at config level (leaving the sub-mode).
      const next: Mode | null = runInMode(state, mode, command) ?? runAtConfigLevel(state, command);
      if (!next) throw new CommandError(INVALID_INPUT);
      mode = next;
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      result = { failedLine: index + 1, error: error.message };
      break;
    }
  }
  state.refreshExtensions();
  return result;
}

function parseCommand(line: string): Command | null {
  const trimmed = line.trim();
  if (trimmed === "" || trimmed.startsWith("!")) return null;
  const negated = /^no\s/i.test(trimmed);
  const text = negated ? trimmed.slice(2).trim() : trimmed;
  const words = text.split(/\s+/);
  return {
    negated,
    words,
    rest(after) {
      let remaining = text;
      for (let i = 0; i < after; i++) remaining = remaining.replace(/^\S+\s*/, "");
      return remaining;
    },
  };
}

function runAtConfigLevel(state: RouterState, command: Command): Mode | null {
  const { config } = state;
  const [first, second, third, fourth] = command.words;
  const now = state.clock();
  if (first === "end" || first === "exit") return { kind: "config" };
  if (first === "telephony-service" && !command.negated) return { kind: "telephony-service" };
  if (first === "ephone") {
    const tag = tagIn(second, config.telephony.maxEphones);
    if (command.negated) {
      config.ephones.delete(tag);
      for (const user of config.users.values())
        if (user.type === 1 && user.tag === tag) config.users.delete(user.userId);
      return { kind: "config" };
    }
    if (!config.ephones.has(tag)) config.ephones.set(tag, newEphone(tag, now));
    return { kind: "ephone", tag };
  }
  if (first === "ephone-dn") {
    const tag = tagIn(second, config.telephony.maxDn);
    if (command.negated) {
      config.ephoneDns.delete(tag);
      for (const phone of config.ephones.values()) phone.buttons = phone.buttons.filter((b) => b.dnTag !== tag);
      return { kind: "config" };
    }
    if (third !== undefined && third !== "dual-line" && third !== "octo-line") throw new CommandError(INVALID_INPUT);
    const lineMode = third === "dual-line" ? "DUAL_LINE" : third === "octo-line" ? "OCTO_LINE" : "SINGLE_LINE";
    const dn = config.ephoneDns.get(tag) ?? newEphoneDn(tag, now, lineMode);
    dn.lineMode = lineMode;
    config.ephoneDns.set(tag, dn);
    return { kind: "ephone-dn", tag };
  }
  if (first === "voice" && second === "register" && (third === "pool" || third === "dn")) {
    const tag = tagIn(fourth, third === "pool" ? 1000 : 2000);
    const items = third === "pool" ? config.pools : config.voiceRegisterDns;
    if (command.negated) {
      items.delete(tag);
      return { kind: "config" };
    }
    if (third === "pool" && !config.pools.has(tag)) config.pools.set(tag, newPool(tag, now));
    if (third === "dn" && !config.voiceRegisterDns.has(tag))
      config.voiceRegisterDns.set(tag, newVoiceRegisterDn(tag, now));
    return third === "pool" ? { kind: "pool", tag } : { kind: "voice-register-dn", tag };
  }
  return null;
}

/** Runs a sub-mode command; null when the sub-mode has no such command. */
function runInMode(state: RouterState, mode: Mode, command: Command): Mode | null {
  switch (mode.kind) {
    case "config":
      return null;
    case "telephony-service":
      return telephonyServiceCommand(state, command) ? mode : null;
    case "ephone":
      return ephoneCommand(state, mode.tag, command) ? mode : null;
    case "ephone-dn":
      return ephoneDnCommand(state, mode.tag, command) ? mode : null;
    case "pool":
      return poolCommand(state, mode.tag, command) ? mode : null;
    case "voice-register-dn":
      return voiceRegisterDnCommand(state, mode.tag, command) ? mode : null;
  }
}
