// The simulated router's configuration and live status, in the words of CME's own CLI
// (ephone, ephone-dn, voice register pool/dn). Plain data: behaviour lives in state.ts.

export type RegistrationStatus = "registered" | "unregistered" | "deceased";
export type LineMode = "SINGLE_LINE" | "DUAL_LINE" | "OCTO_LINE";
/** The `button` separators we accept: ':' normal, 's' silent ring, 'm' monitor. */
export type ButtonMode = "Normal" | "Silent" | "Monitor";

export interface LineButton {
  line: number;
  dnTag: number;
  mode: ButtonMode;
}

/** An SCCP phone (`ephone N`). */
export interface Ephone {
  tag: number;
  /** 12 upper-case hex digits, no separators. */
  mac: string;
  /** The `type` keyword, e.g. "7965" or "ATA". */
  type: string;
  description: string;
  userName: string;
  buttons: LineButton[];
  keyPhone: boolean;
  status: RegistrationStatus;
  lastStatus: RegistrationStatus;
  /** Clock time (ms) of the last status change. */
  changedAt: number;
  /** Clock time (ms) the phone last registered; keep-alives count from here. */
  registeredAt: number | null;
  /** Last IPv4 address the phone registered from; 0.0.0.0 if it never did. */
  address: string;
  dnd: boolean;
}

/** A directory number for SCCP phones (`ephone-dn N`). */
export interface EphoneDn {
  tag: number;
  /** Always a string: 0800 and +4930123456 must survive exactly. */
  number: string;
  secondaryNumber: string;
  /** `name` as typed: "Peter Lee"; first and last names are split from it. */
  name: string;
  label: string;
  description: string;
  callForwardAll: string;
  lineMode: LineMode;
  allowWatch: boolean;
  up: boolean;
  changedAt: number;
}

/** A SIP phone (`voice register pool N`). */
export interface VoiceRegisterPool {
  tag: number;
  mac: string;
  type: string;
  description: string;
  lines: Array<{ line: number; dnTag: number }>;
  sessionServer: number;
  maxRegistration: number;
  dtmfRelay: string;
  codec: string;
  status: RegistrationStatus;
  lastStatus: RegistrationStatus;
  changedAt: number;
  address: string;
}

/** A SIP directory number (`voice register dn N`). */
export interface VoiceRegisterDn {
  tag: number;
  number: string;
  name: string;
  label: string;
  allowWatch: boolean;
  up: boolean;
  changedAt: number;
}

/** ISgetUser's ISuserType vocabulary. */
export const USER_TYPE = { invalid: 0, ephoneUser: 1, logoutProfile: 2, userProfile: 3 } as const;
export type UserType = 1 | 2 | 3;

/** A phone user: an ephone `username`, or a `voice logout-profile` / `voice user-profile` user. */
export interface PhoneUser {
  userId: string;
  password: string;
  type: UserType;
  tag: number;
}

export interface TelephonyService {
  maxEphones: number;
  maxDn: number;
  keepaliveSeconds: number;
}

/** Everything ISexecCLI can change and `show running-config` would print. */
export interface RouterConfig {
  telephony: TelephonyService;
  ephones: Map<number, Ephone>;
  ephoneDns: Map<number, EphoneDn>;
  pools: Map<number, VoiceRegisterPool>;
  voiceRegisterDns: Map<number, VoiceRegisterDn>;
  users: Map<string, PhoneUser>;
}

export const PROTOCOLS = ["sccp", "sip"] as const;
export type Protocol = (typeof PROTOCOLS)[number];

/** Phone models the simulator knows: the CLI `type` keyword, what ISDevType says, and line keys. */
export interface PhoneModel {
  type: string;
  deviceType: string;
  protocol: Protocol;
  lineKeys: number;
  /** Device-name prefix: SEP for phones, ATA for analog adapters. */
  prefix: "SEP" | "ATA";
}

export const PHONE_MODELS: readonly PhoneModel[] = [
  { type: "7960", deviceType: "IP Phone Telecaster 7960", protocol: "sccp", lineKeys: 6, prefix: "SEP" },
  { type: "7940", deviceType: "IP Phone Telecaster 7940", protocol: "sccp", lineKeys: 2, prefix: "SEP" },
  { type: "7941", deviceType: "IP Phone 7941", protocol: "sccp", lineKeys: 2, prefix: "SEP" },
  { type: "7942", deviceType: "IP Phone 7942", protocol: "sccp", lineKeys: 2, prefix: "SEP" },
  { type: "7945", deviceType: "IP Phone 7945", protocol: "sccp", lineKeys: 2, prefix: "SEP" },
  { type: "7962", deviceType: "IP Phone 7962", protocol: "sccp", lineKeys: 6, prefix: "SEP" },
  { type: "7965", deviceType: "IP Phone 7965", protocol: "sccp", lineKeys: 6, prefix: "SEP" },
  { type: "7975", deviceType: "IP Phone 7975", protocol: "sccp", lineKeys: 8, prefix: "SEP" },
  { type: "ATA", deviceType: "ATA 186", protocol: "sccp", lineKeys: 2, prefix: "ATA" },
  { type: "8845", deviceType: "IP Phone 8845", protocol: "sip", lineKeys: 5, prefix: "SEP" },
  { type: "8865", deviceType: "IP Phone 8865", protocol: "sip", lineKeys: 5, prefix: "SEP" },
  { type: "8851", deviceType: "IP Phone 8851", protocol: "sip", lineKeys: 5, prefix: "SEP" },
  { type: "7821", deviceType: "IP Phone 7821", protocol: "sip", lineKeys: 2, prefix: "SEP" },
  { type: "7841", deviceType: "IP Phone 7841", protocol: "sip", lineKeys: 4, prefix: "SEP" },
];

export function phoneModel(type: string): PhoneModel | undefined {
  const wanted = type.toUpperCase();
  return PHONE_MODELS.find((model) => model.type === wanted);
}

/** The device name a router reports: SEP (or ATA) followed by the MAC. */
export function deviceName(type: string, mac: string): string {
  return (phoneModel(type)?.prefix ?? "SEP") + mac;
}

/** Accepts SEP0012DA8AC43D, 0012DA8AC43D, 0012.DA8A.C43D (any case); null if not a MAC. */
export function normalizeMac(text: string): string | null {
  const bare = text
    .replace(/^(SEP|ATA)/i, "")
    .replace(/\./g, "")
    .toUpperCase();
  return /^[0-9A-F]{12}$/.test(bare) ? bare : null;
}

/** 0012DA8AC43D -> 0012.DA8A.C43D, the way IOS prints `mac-address`. */
export function dottedMac(mac: string): string {
  return `${mac.slice(0, 4)}.${mac.slice(4, 8)}.${mac.slice(8, 12)}`;
}

/** `name Peter Lee` -> first "Peter", last "Lee"; a single word is a first name. */
export function splitName(name: string): { firstName: string; lastName: string } {
  const trimmed = name.trim();
  const space = trimmed.indexOf(" ");
  if (space < 0) return { firstName: trimmed, lastName: "" };
  return { firstName: trimmed.slice(0, space), lastName: trimmed.slice(space + 1).trim() };
}

/** What `ephone N` creates before any sub-command runs. */
export function newEphone(tag: number, now: number): Ephone {
  return {
    tag,
    mac: "",
    type: "",
    description: "",
    userName: "",
    buttons: [],
    keyPhone: false,
    status: "unregistered",
    lastStatus: "unregistered",
    changedAt: now,
    registeredAt: null,
    address: "0.0.0.0",
    dnd: false,
  };
}

export function newEphoneDn(tag: number, now: number, lineMode: LineMode = "SINGLE_LINE"): EphoneDn {
  return {
    tag,
    number: "",
    secondaryNumber: "",
    name: "",
    label: "",
    description: "",
    callForwardAll: "",
    lineMode,
    allowWatch: true,
    up: false,
    changedAt: now,
  };
}

export function newPool(tag: number, now: number): VoiceRegisterPool {
  return {
    tag,
    mac: "",
    type: "",
    description: "",
    lines: [],
    sessionServer: 1,
    maxRegistration: 1,
    dtmfRelay: "rtp-nte",
    codec: "g711ulaw",
    status: "unregistered",
    lastStatus: "unregistered",
    changedAt: now,
    address: "0.0.0.0",
  };
}

export function newVoiceRegisterDn(tag: number, now: number): VoiceRegisterDn {
  return { tag, number: "", name: "", label: "", allowWatch: true, up: false, changedAt: now };
}

export function emptyConfig(): RouterConfig {
  return {
    telephony: { maxEphones: 48, maxDn: 144, keepaliveSeconds: 30 },
    ephones: new Map(),
    ephoneDns: new Map(),
    pools: new Map(),
    voiceRegisterDns: new Map(),
    users: new Map(),
  };
}

/** The lowest unused tag: what `available` answers and what a new list entry gets. */
export function nextFreeTag(taken: ReadonlyMap<number, unknown>): number {
  let tag = 1;
  while (taken.has(tag)) tag++;
  return tag;
}
