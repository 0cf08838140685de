// Domain types for what a CME/SRST router reports, in the helpdesk's words. Written once here;
// the mappers are the only place strings from the wire become numbers, booleans and times.
// Directory numbers stay strings everywhere (0800, +4930123456).

/** Which XML API reply dialect a router speaks: Cisco's 2008 guide or the 2010+ guides. */
export type CmeDialect = "2008" | "2010";

export type PhoneProtocol = "sccp" | "sip";

/** `registered` / `unregistered`, and `deceased` for a phone that stopped sending keepalives. */
export type RegistrationStatus = "registered" | "unregistered" | "deceased" | "unknown";

export interface LineButton {
  /** Button number on the phone, 1-based. */
  button: number;
  /** As the router says it: Normal, Silent, Monitor… */
  mode: string;
}

/** One line of a phone as the router maps it to an extension. */
export interface PhoneLine {
  line: number;
  /** The ephone-dn (or voice register dn) tag. */
  extensionTag: number | null;
  directoryNumber: string;
  /** Whether the extension behind this line is up; null when the router does not say. */
  extensionUp: boolean | null;
  /** idle, ringing, connected… as the router says it. */
  state: string | null;
}

export interface TapiStatus {
  clientIpv4: string | null;
  status: string | null;
  lastStatus: string | null;
  changeTime: number | null;
  keepalives: number | null;
}

export interface Phone {
  protocol: PhoneProtocol;
  /** Device name: SEP + MAC (ATA + MAC for analog adapters). */
  name: string | null;
  /** Cisco dotted form, 0003.6B09.538A; null when the name carries no MAC. */
  mac: string | null;
  /** SCCP: the `ephone N` tag. */
  ephoneTag: number | null;
  /** SIP: the `voice register pool N` tag. */
  poolId: number | null;
  /** Model as the router reports it, e.g. "IP Phone Telecaster 7960". */
  model: string | null;
  user: string | null;
  lineButtons: LineButton[];
  lines: PhoneLine[];
  /** The address the phone registered from; null when none (0.0.0.0, 0 or empty). */
  ipv4: string | null;
  registrationStatus: RegistrationStatus | null;
  lastStatus: RegistrationStatus | null;
  /** Router clock, in seconds, of the last status change (as reported; not wall time). */
  changeTime: number | null;
  keepalives: number | null;
  keyPhone: boolean | null;
  doNotDisturb: boolean | null;
  tapi: TapiStatus | null;
  /** Newer form: the configured type (ISconfigDevType), single number reach (SNRui), profiles. */
  configuredType: string | null;
  singleNumberReach: string | null;
  logoutProfileId: number | null;
  userProfileId: number | null;
  /** SIP pool details. */
  sessionServer: number | null;
  maxRegistrations: number | null;
  dtmfRelay: string | null;
  codec: string | null;
}

export type ExtensionStatus = "up" | "down" | "unknown";

export interface Extension {
  protocol: PhoneProtocol;
  /** SCCP: the `ephone-dn N` tag; SIP: the `voice register dn N` tag. */
  tag: number | null;
  number: string | null;
  secondaryNumber: string | null;
  /** normal, feature-ring, … as the router says it. */
  type: string | null;
  status: ExtensionStatus | null;
  /** IDLE, RINGING, CONNECTED… as the router says it. */
  callStatus: string | null;
  /** SINGLE_LINE, DUAL_LINE, OCTO_LINE. */
  lineMode: string | null;
  changeTime: number | null;
  usage: number | null;
  /** ISExtHomeAddress; null for none (0.0.0.0). */
  homeAddress: string | null;
  /** ISExtMultiLines as the router reports it (its meaning is not documented). */
  multiLines: number | null;
  portName: string | null;
  allowWatch: boolean | null;
  firstName: string | null;
  lastName: string | null;
  callForwardAll: string | null;
  /** The first session server; `sessionServers` has all of them (newer form: ISSessionServerIDs). */
  sessionServer: number | null;
  sessionServers: number[];
  /** Newer form: Mobility and single number reach (SNRnumber, SNRdelay, SNRtimeout, SNRnoanNumber). */
  mobility: boolean | null;
  singleNumberReach: SingleNumberReach | null;
  /** Phones on this extension: ephone tags (SCCP) or pool ids (SIP). */
  devices: number[];
}

export interface SingleNumberReach {
  number: string | null;
  delaySeconds: number | null;
  timeoutSeconds: number | null;
  noAnswerNumber: string | null;
}

export type CmeUserType = "invalid" | "ephone user" | "logout profile" | "user profile";

export interface CmeUser {
  id: string;
  type: CmeUserType;
  /** The user-name tag; 0 when the router does not know the user. */
  tag: number;
}

export interface EventCounts {
  phoneEvents: number;
  extensionEvents: number;
}

export interface PhoneEvent {
  /** ISDevEvtID when the router numbers its events (not in Cisco's 2008 example). */
  eventId: number | null;
  ephoneTag: number | null;
  name: string | null;
  /** Router clock, in seconds. */
  time: number | null;
  /** "Device" in Cisco's example. */
  type: string | null;
  status: RegistrationStatus | null;
}

export interface ExtensionEvent {
  /** ISExtEvtID when the router numbers its events (not in Cisco's 2008 example). */
  eventId: number | null;
  extensionTag: number | null;
  number: string | null;
  time: number | null;
  status: ExtensionStatus | null;
}

export interface UrlService {
  type: string;
  link: string;
}

/** ISgetGlobal: the CME/SRST (SCCP) system. */
export interface SystemStatus {
  address: string | null;
  /** ITS for CME, SRST for a survivable branch router. */
  mode: string | null;
  version: string | null;
  hostName: string | null;
  registeredPhones: number | null;
  peakRegisteredPhones: number | null;
  peakRegisteredTime: number | null;
  keepaliveInterval: number | null;
  configuredPhones: number | null;
  configuredExtensions: number | null;
  serviceEngine: string | null;
  port: number | null;
  maxConference: number | null;
  maxRedirect: number | null;
  maxPhones: number | null;
  maxExtensions: number | null;
  voicemail: string | null;
  urlServices: UrlService[];
}

/** ISgetVoiceRegGlobal: the SIP side of a CME. */
export interface SipSystemStatus {
  address: string | null;
  mode: string | null;
  version: string | null;
  serviceEngine: string | null;
  /** The first authentication mode; newer routers list several (ISAuthModes). */
  authMode: string | null;
  authModes: string[];
  port: number | null;
  maxPools: number | null;
  maxExtensions: number | null;
  maxRedirect: number | null;
}

export interface SessionServer {
  id: number | null;
  registerId: string | null;
  keepalives: number | null;
}

/** ISgetVoiceHuntGroup (newer guide): a voice hunt group. */
export interface HuntGroup {
  id: number | null;
  type: string | null;
  pilotNumber: string | null;
  pilotPeerTag: number | null;
  pilotPreference: number | null;
  secondaryPilotNumber: string | null;
  secondaryPilotPeerTag: number | null;
  secondaryPilotPreference: number | null;
  listSize: number | null;
  /** The member numbers, in order. */
  numbers: string[];
  finalNumber: string | null;
  /** As the router writes it (it may hold one value per member). */
  timeout: string | null;
  hops: number | null;
}

/** ISgetDeviceTemplate / ISgetExtensionTemplate (newer guide): the template's tag and its settings as text. */
export interface ConfigTemplate {
  id: number | null;
  settings: Record<string, string>;
}

/** ISgetUserProfile (newer guide). */
export interface UserProfile {
  id: number | null;
  userId: string | null;
  settings: Record<string, string>;
}

export interface PresenceSettings {
  enabled: boolean | null;
  mode: string | null;
  allowSubscribe: boolean | null;
  allowWatch: boolean | null;
  maxSubscriptions: number | null;
  sipUaPresenceStatus: boolean | null;
}

/** ISSaveConfig: saved now, or later by a background process once other sessions close. */
export type SaveConfigOutcome = "saved" | "delayed";

/** One ISsetKeyPhones / ISunsetKeyPhones answer, in request order. */
export interface KeyPhoneResult {
  phone: string;
  ok: boolean;
  /**
   * Set when the router refused ISsetKeyPhones / ISunsetKeyPhones (the newer guide no longer
   * lists them) and the change went through ISexecCLI (`ephone N`, `keyphone` / `no keyphone`).
   */
  throughCli?: { refusal: string; lines: string[]; lineError: string | null };
}

export interface CliResult {
  linesApplied: number;
}
