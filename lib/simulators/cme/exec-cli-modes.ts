// The sub-mode commands ISexecCLI understands (ephone, ephone-dn, voice register pool/dn,
// telephony-service), with IOS's error messages; exec-cli.ts walks the batch and the modes.
import { dottedMac, normalizeMac, phoneModel, type ButtonMode, type Protocol } from "./model";
import { MAX_PASSWORD_LENGTH, type RouterState } from "./state";

export const INVALID_INPUT = "% Invalid input detected at '^' marker.";
export const INCOMPLETE_COMMAND = "% Incomplete command.";

export class CommandError extends Error {}

/** A command line split into words, with the text after the first n words kept verbatim. */
export interface Command {
  negated: boolean;
  words: string[];
  rest(after: number): string;
}

const BUTTON_SEPARATORS: Record<string, ButtonMode> = { ":": "Normal", s: "Silent", m: "Monitor" };
const CODECS = new Set(["g711ulaw", "g711alaw", "g729r8", "g722-64", "ilbc"]);
const DIRECTORY_NUMBER = /^\+?[0-9*#.]+$/;

export function telephonyServiceCommand(state: RouterState, command: Command): boolean {
  const { telephony } = state.config;
  const [first, second] = command.words;
  if (first === "max-ephones") telephony.maxEphones = tagIn(second, 1000);
  else if (first === "max-dn") telephony.maxDn = tagIn(second, 2000);
  else if (first === "keepalive") telephony.keepaliveSeconds = Math.max(10, tagIn(second, 65535));
  else if (first === "create" && second === "cnf-files") return true;
  else if (first === "ip" && second === "source-address") return true;
  else return false;
  return true;
}

export function ephoneCommand(state: RouterState, tag: number, command: Command): boolean {
  const phone = state.config.ephones.get(tag);
  if (!phone) return false;
  const [first, second] = command.words;
  switch (first) {
    case "mac-address": {
      if (command.negated) {
        phone.mac = "";
        return true;
      }
      const mac = normalizeMac(requireText(command.rest(1)));
      if (!mac) throw new CommandError(INVALID_INPUT);
      const owner = [...state.config.ephones.values()].find((other) => other.mac === mac && other.tag !== tag);
      if (owner) throw new CommandError(`% MAC address ${dottedMac(mac)} is already used by ephone ${owner.tag}`);
      phone.mac = mac;
      return true;
    }
    case "type":
      phone.type = command.negated ? "" : modelType(second, "sccp");
      return true;
    case "button":
      phone.buttons = command.negated ? [] : parseButtons(state, command.words.slice(1));
      return true;
    case "description":
      phone.description = command.negated ? "" : requireText(command.rest(1));
      return true;
    case "keyphone":
      phone.keyPhone = !command.negated;
      return true;
    case "username":
      setEphoneUser(state, tag, command);
      return true;
    case "restart":
    case "reset":
      if (command.negated) return false;
      state.restartPhone("ephone", tag, first === "reset");
      return true;
    default:
      return false;
  }
}

export function ephoneDnCommand(state: RouterState, tag: number, command: Command): boolean {
  const dn = state.config.ephoneDns.get(tag);
  if (!dn) return false;
  const [first, second, third, fourth] = command.words;
  if (first === "number") {
    if (command.negated) {
      dn.number = "";
      dn.secondaryNumber = "";
      return true;
    }
    if (!second || !DIRECTORY_NUMBER.test(second)) throw new CommandError(second ? INVALID_INPUT : INCOMPLETE_COMMAND);
    if (third !== undefined && third !== "secondary" && third !== "no-reg") throw new CommandError(INVALID_INPUT);
    if (third === "secondary" && !(fourth && DIRECTORY_NUMBER.test(fourth))) throw new CommandError(INVALID_INPUT);
    dn.number = second;
    dn.secondaryNumber = third === "secondary" ? (fourth ?? "") : "";
    return true;
  }
  if (first === "name" || first === "label" || first === "description") {
    dn[first] = command.negated ? "" : requireText(command.rest(1));
    return true;
  }
  if (first === "call-forward") {
    if (second === "all") {
      if (!command.negated && !(third && DIRECTORY_NUMBER.test(third)))
        throw new CommandError(third ? INVALID_INPUT : INCOMPLETE_COMMAND);
      dn.callForwardAll = command.negated ? "" : (third ?? "");
      return true;
    }
    return second === "busy" || second === "noan"; // accepted; the XML API does not report them
  }
  if (first === "allow" && second === "watch") {
    dn.allowWatch = !command.negated;
    return true;
  }
  return first === "huntstop" || first === "preference";
}

export function poolCommand(state: RouterState, tag: number, command: Command): boolean {
  const pool = state.config.pools.get(tag);
  if (!pool) return false;
  const [first, second, third, fourth] = command.words;
  if (first === "id" && second === "mac") {
    const mac = normalizeMac(third ?? "");
    if (!mac) throw new CommandError(third ? INVALID_INPUT : INCOMPLETE_COMMAND);
    const owner = [...state.config.pools.values()].find((other) => other.mac === mac && other.tag !== tag);
    if (owner)
      throw new CommandError(`% MAC address ${dottedMac(mac)} is already used by voice register pool ${owner.tag}`);
    pool.mac = mac;
  } else if (first === "type") pool.type = modelType(second, "sip");
  else if (first === "number") {
    const line = tagIn(second, 10);
    if (third !== "dn") throw new CommandError(third ? INVALID_INPUT : INCOMPLETE_COMMAND);
    const dnTag = Number(fourth);
    if (!state.config.voiceRegisterDns.has(dnTag))
      throw new CommandError(` invalid input dn parameter for number ${line}`);
    pool.lines = [...pool.lines.filter((l) => l.line !== line), { line, dnTag }].sort((a, b) => a.line - b.line);
  } else if (first === "dtmf-relay") pool.dtmfRelay = requireText(command.rest(1));
  else if (first === "codec") {
    if (!second || !CODECS.has(second)) throw new CommandError(second ? INVALID_INPUT : INCOMPLETE_COMMAND);
    pool.codec = second;
  } else if (first === "description") pool.description = command.negated ? "" : requireText(command.rest(1));
  else if (first === "session-server") pool.sessionServer = tagIn(second, 8);
  else if ((first === "restart" || first === "reset") && !command.negated && second === undefined)
    state.restartPhone("pool", tag, first === "reset");
  else return false;
  return true;
}

export function voiceRegisterDnCommand(state: RouterState, tag: number, command: Command): boolean {
  const dn = state.config.voiceRegisterDns.get(tag);
  if (!dn) return false;
  const [first, second] = command.words;
  if (first === "number") {
    if (!second || !DIRECTORY_NUMBER.test(second)) throw new CommandError(second ? INVALID_INPUT : INCOMPLETE_COMMAND);
    dn.number = second;
  } else if (first === "name" || first === "label") dn[first] = command.negated ? "" : requireText(command.rest(1));
  else if (first === "allow" && second === "watch") dn.allowWatch = !command.negated;
  else return false;
  return true;
}

function modelType(text: string | undefined, protocol: Protocol): string {
  const model = phoneModel(text ?? "");
  if (!model || model.protocol !== protocol) throw new CommandError(text ? INVALID_INPUT : INCOMPLETE_COMMAND);
  return model.type;
}

/** `button 1:12 2s13 3m14`; a number that is not configured fails like the seed's example. */
function parseButtons(state: RouterState, specs: string[]) {
  if (specs.length === 0) throw new CommandError(INCOMPLETE_COMMAND);
  return specs.map((spec) => {
    const match = /^(\d+)([:sm])(\d+)$/.exec(spec);
    const mode = match ? BUTTON_SEPARATORS[match[2] ?? ""] : undefined;
    if (!match || !mode) throw new CommandError(INVALID_INPUT);
    const line = Number(match[1]);
    const dnTag = Number(match[3]);
    if (line < 1 || line > 34) throw new CommandError(INVALID_INPUT);
    if (!state.config.ephoneDns.has(dnTag)) throw new CommandError(` invalid input dn parameter for button ${line}`);
    return { line, dnTag, mode };
  });
}

/** `username jsmith password 1234` in ephone mode makes an ephone user (ISuserType 1). */
function setEphoneUser(state: RouterState, tag: number, command: Command): void {
  const { users, ephones } = state.config;
  const phone = ephones.get(tag);
  if (!phone) return;
  const [, rawName, keyword, password] = command.words;
  const userId = (rawName ?? "").replace(/^"|"$/g, "");
  if (!command.negated) {
    if (!userId) throw new CommandError(INCOMPLETE_COMMAND);
    if (userId.length > 19 || (keyword !== undefined && keyword !== "password")) throw new CommandError(INVALID_INPUT);
    if (keyword === "password" && !password) throw new CommandError(INCOMPLETE_COMMAND);
    if (password && password.length > MAX_PASSWORD_LENGTH) throw new CommandError(INVALID_INPUT);
  }
  for (const user of users.values()) if (user.type === 1 && user.tag === tag) users.delete(user.userId);
  phone.userName = command.negated ? "" : userId;
  if (command.negated) return;
  users.set(userId, { userId, password: password ?? "", type: 1, tag });
}

export function tagIn(text: string | undefined, max: number): number {
  if (text === undefined) throw new CommandError(INCOMPLETE_COMMAND);
  const tag = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(tag >= 1 && tag <= max)) throw new CommandError(INVALID_INPUT);
  return tag;
}

export function requireText(text: string): string {
  if (text === "") throw new CommandError(INCOMPLETE_COMMAND);
  return text;
}
