// Domain objects the seed's example replies (and their 2010 forms) must map to, shared by the
// parser tests. Written out in full so a test compares whole objects, not a few fields.
import type {
  CmeUser,
  EventCounts,
  Extension,
  ExtensionEvent,
  Phone,
  PhoneEvent,
  PresenceSettings,
  SessionServer,
  SipSystemStatus,
  SystemStatus,
} from "@/lib/cme/types";

export const SEED_SCCP_PHONE: Phone = {
  protocol: "sccp",
  name: "SEP00036B09538A",
  mac: "0003.6B09.538A",
  ephoneTag: 1,
  poolId: null,
  model: "IP Phone Telecaster 7960",
  user: "ephone1",
  lineButtons: [{ button: 1, mode: "Normal" }],
  lines: [{ line: 1, extensionTag: 1, directoryNumber: "2001", extensionUp: true, state: "idle" }],
  ipv4: "10.10.10.2",
  registrationStatus: "registered",
  lastStatus: "unregistered",
  changeTime: 54887,
  keepalives: 21,
  keyPhone: false,
  doNotDisturb: false,
  tapi: { clientIpv4: null, status: null, lastStatus: null, changeTime: null, keepalives: null },
  configuredType: null,
  singleNumberReach: null,
  logoutProfileId: null,
  userProfileId: null,
  sessionServer: null,
  maxRegistrations: null,
  dtmfRelay: null,
  codec: null,
};

export const SEED_SIP_PHONE: Phone = {
  protocol: "sip",
  name: "SEPFFFFFFFFFFFF",
  mac: "FFFF.FFFF.FFFF",
  ephoneTag: null,
  poolId: 1,
  model: null,
  user: null,
  lineButtons: [],
  lines: [{ line: 1, extensionTag: 7, directoryNumber: "2777", extensionUp: null, state: "idle" }],
  ipv4: "1.7.120.120",
  registrationStatus: null,
  lastStatus: null,
  changeTime: null,
  keepalives: null,
  keyPhone: null,
  doNotDisturb: null,
  tapi: null,
  configuredType: null,
  singleNumberReach: null,
  logoutProfileId: null,
  userProfileId: null,
  sessionServer: 1,
  maxRegistrations: 42,
  dtmfRelay: "rtp-nte",
  codec: "g729r8",
};

export const SEED_SCCP_EXTENSION: Extension = {
  protocol: "sccp",
  tag: 1,
  number: "2001",
  secondaryNumber: "2100",
  type: "normal",
  status: "up",
  callStatus: "IDLE",
  lineMode: "DUAL_LINE",
  changeTime: 53785,
  usage: 0,
  homeAddress: null,
  multiLines: 1,
  portName: "EFXS 50/0/1",
  allowWatch: true,
  firstName: "Peter",
  lastName: "Lee",
  callForwardAll: "1234",
  sessionServer: 1,
  sessionServers: [1],
  mobility: null,
  singleNumberReach: null,
  devices: [2, 4],
};

export const SEED_SIP_EXTENSION: Extension = {
  protocol: "sip",
  tag: 1,
  number: "2777",
  secondaryNumber: null,
  type: null,
  status: null,
  callStatus: null,
  lineMode: null,
  changeTime: null,
  usage: null,
  homeAddress: null,
  multiLines: null,
  portName: null,
  allowWatch: true,
  firstName: "Peter",
  lastName: "Lee",
  callForwardAll: null,
  sessionServer: 1,
  sessionServers: [1],
  mobility: null,
  singleNumberReach: null,
  devices: [7],
};

export const SEED_SYSTEM_STATUS: SystemStatus = {
  address: "10.10.10.1",
  mode: "ITS",
  version: "3.1",
  hostName: "router's host name",
  registeredPhones: 3,
  peakRegisteredPhones: 3,
  peakRegisteredTime: 61392,
  keepaliveInterval: 30,
  configuredPhones: 100,
  configuredExtensions: 100,
  serviceEngine: "0.0.0.0",
  port: 2000,
  maxConference: 8,
  maxRedirect: 5,
  maxPhones: 10,
  maxExtensions: 20,
  voicemail: "4089999999",
  urlServices: [{ type: "EPHONE_URL_DIRECTOREIES", link: "www.yahoo.com" }],
};

export const SEED_SIP_SYSTEM_STATUS: SipSystemStatus = {
  address: "1.7.120.103",
  mode: "cme",
  version: "4.0(0)",
  serviceEngine: "1.7.120.103",
  authMode: "all",
  authModes: ["all"],
  port: 5060,
  maxPools: 10,
  maxExtensions: 10,
  maxRedirect: 5,
};

export const SEED_SESSION_SERVERS: SessionServer[] = [{ id: 1, registerId: "CRS", keepalives: 60 }];

export const SEED_PRESENCE: PresenceSettings = {
  enabled: false,
  mode: "cme",
  allowSubscribe: false,
  allowWatch: false,
  maxSubscriptions: 100,
  sipUaPresenceStatus: false,
};

export const SEED_EVENT_COUNTS: EventCounts = { phoneEvents: 12, extensionEvents: 288 };

export const SEED_PHONE_EVENTS: PhoneEvent[] = [
  { eventId: null, ephoneTag: 1, name: "SEP000DEDAB3566", time: 1504, type: "Device", status: "unregistered" },
  { eventId: null, ephoneTag: 1, name: "SEP000DEDAB3566", time: 5837, type: "Device", status: "registered" },
];

export const SEED_EXTENSION_EVENTS: ExtensionEvent[] = [
  { eventId: null, extensionTag: 80, number: "2080", time: 90355, status: "down" },
];

export const SEED_USER: CmeUser = { id: "peter", type: "ephone user", tag: 6 };
