// One client object per CME/SRST router: the XML API methods in the helpdesk's words, all
// sharing the router's one-at-a-time queue and learned dialect.
import { createCaller, type CmeConnectionOptions } from "./caller";
import { confirmGone, readEveryExtension, readEveryPhone, type FullRead } from "./full-read";
import { runCli, saveConfig } from "./methods/configuration";
import { getEventCounts, getExtensionEvents, getPhoneEvents } from "./methods/events";
import { getExtensions } from "./methods/extensions";
import { setKeyPhones, unsetKeyPhones } from "./methods/key-phones";
import { getPhones } from "./methods/phones";
import {
  getDeviceTemplates,
  getExtensionTemplates,
  getHuntGroups,
  getUserProfiles,
  getUtilityDirectory,
  type NewerSelector,
} from "./methods/newer-getters";
import { getPresenceSettings, getSessionServers, getSipSystemStatus, getSystemStatus } from "./methods/system";
import { getUser, updateUserPassword } from "./methods/users";
import type {
  ExtensionEventSelector,
  ExtensionSelector,
  PhoneEventSelector,
  PhoneSelector,
  SessionServerSelector,
} from "./selectors";
import type {
  CliResult,
  ConfigTemplate,
  HuntGroup,
  UserProfile,
  CmeDialect,
  CmeUser,
  EventCounts,
  Extension,
  ExtensionEvent,
  KeyPhoneResult,
  Phone,
  PhoneEvent,
  PresenceSettings,
  SaveConfigOutcome,
  SessionServer,
  SipSystemStatus,
  SystemStatus,
} from "./types";

export type CmeClientOptions = CmeConnectionOptions;

type OneOrMany<T> = T | readonly T[];

function many<T>(value: OneOrMany<T>): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

export interface CmeClient {
  /** POST target: <baseUrl>/ios_xml_app/cme. */
  readonly endpoint: string;
  /** HTTP round trips made so far. */
  readonly roundTrips: number;
  /** The router's reply dialect (probed once when not configured). */
  dialect(): Promise<CmeDialect>;
  /** The form known so far without asking (to store with the source); undefined before any telling reply. */
  knownDialect(): CmeDialect | undefined;
  /** Every phone, with whether the read was complete and why not (full-read.ts). */
  readEveryPhone(): Promise<FullRead<Phone>>;
  /** Every extension, the same way. */
  readEveryExtension(): Promise<FullRead<Extension>>;
  /** Asks for one phone that vanished from a list: really gone, still there, or no clear answer. */
  confirmGone(phone: {
    name: string;
    protocol: "sccp" | "sip";
    tag: number | null;
  }): Promise<"gone" | "present" | "unsure">;
  /** ISgetDevice */
  getPhones(selectors: OneOrMany<PhoneSelector>): Promise<Phone[]>;
  /** ISgetExtension */
  getExtensions(selectors: OneOrMany<ExtensionSelector>): Promise<Extension[]>;
  /** ISsetKeyPhones: one result per phone, in order. */
  setKeyPhones(phoneNames: readonly string[]): Promise<KeyPhoneResult[]>;
  /** ISunsetKeyPhones: one result per phone, in order. */
  unsetKeyPhones(phoneNames: readonly string[]): Promise<KeyPhoneResult[]>;
  /** ISgetUser */
  getUser(userId: string): Promise<CmeUser>;
  /** ISupdateUser */
  updateUserPassword(userId: string, password: string): Promise<void>;
  /** ISgetEvtCounts */
  getEventCounts(): Promise<EventCounts>;
  /** ISgetDevEvts */
  getPhoneEvents(selectors: OneOrMany<PhoneEventSelector>): Promise<PhoneEvent[]>;
  /** ISgetExtEvts */
  getExtensionEvents(selectors: OneOrMany<ExtensionEventSelector>): Promise<ExtensionEvent[]>;
  /** ISexecCLI (allowlisted) */
  runCli(lines: readonly string[]): Promise<CliResult>;
  /** ISSaveConfig */
  saveConfig(): Promise<SaveConfigOutcome>;
  /** ISgetGlobal */
  getSystemStatus(): Promise<SystemStatus>;
  /** ISgetVoiceRegGlobal */
  getSipSystemStatus(): Promise<SipSystemStatus>;
  /** ISgetSessionServer */
  getSessionServers(selectors: OneOrMany<SessionServerSelector>): Promise<SessionServer[]>;
  /** ISgetPresenceGlobal */
  getPresenceSettings(): Promise<PresenceSettings>;
  /** Newer guide only: ISgetVoiceHuntGroup, ISgetDeviceTemplate, ISgetExtensionTemplate, ISgetUserProfile, ISgetUtilityDirectory. */
  getHuntGroups(selector: NewerSelector): Promise<HuntGroup[]>;
  getDeviceTemplates(selector: NewerSelector): Promise<ConfigTemplate[]>;
  getExtensionTemplates(selector: NewerSelector): Promise<ConfigTemplate[]>;
  getUserProfiles(selector: NewerSelector | { userId: string }): Promise<UserProfile[]>;
  getUtilityDirectory(): Promise<Record<string, string>>;
}

export function createCmeClient(options: CmeClientOptions): CmeClient {
  const caller = createCaller(options);
  return {
    endpoint: caller.endpoint,
    get roundTrips() {
      return caller.roundTrips;
    },
    dialect: () => caller.dialect(),
    knownDialect: () => caller.knownDialect(),
    readEveryPhone: () => readEveryPhone(caller),
    readEveryExtension: () => readEveryExtension(caller),
    confirmGone: (phone) => confirmGone(caller, phone),
    getPhones: (selectors) => getPhones(caller, many(selectors)),
    getExtensions: (selectors) => getExtensions(caller, many(selectors)),
    setKeyPhones: (names) => setKeyPhones(caller, names),
    unsetKeyPhones: (names) => unsetKeyPhones(caller, names),
    getUser: (userId) => getUser(caller, userId),
    updateUserPassword: (userId, password) => updateUserPassword(caller, userId, password),
    getEventCounts: () => getEventCounts(caller),
    getPhoneEvents: (selectors) => getPhoneEvents(caller, many(selectors)),
    getExtensionEvents: (selectors) => getExtensionEvents(caller, many(selectors)),
    runCli: (lines) => runCli(caller, lines),
    saveConfig: () => saveConfig(caller),
    getSystemStatus: () => getSystemStatus(caller),
    getSipSystemStatus: () => getSipSystemStatus(caller),
    getSessionServers: (selectors) => getSessionServers(caller, many(selectors)),
    getPresenceSettings: () => getPresenceSettings(caller),
    getHuntGroups: (selector) => getHuntGroups(caller, selector),
    getDeviceTemplates: (selector) => getDeviceTemplates(caller, selector),
    getExtensionTemplates: (selector) => getExtensionTemplates(caller, selector),
    getUserProfiles: (selector) => getUserProfiles(caller, selector),
    getUtilityDirectory: () => getUtilityDirectory(caller),
  };
}
