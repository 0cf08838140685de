// The CME/SRST XML API client: createCmeClient per router, the per-method functions, domain
// types, input validators and the ISexecCLI allowlist.
export { createCmeClient, type CmeClient, type CmeClientOptions } from "./client";
export { createCaller, cmeEndpoint, DEFAULT_TIMEOUT_MS, type CmeCaller, type CmeConnectionOptions } from "./caller";
export { CME_METHODS, buildRequest, readReply, type CmeMethod, type CmeReply } from "./envelope";
export { checkCliBatch, MAX_CLI_LINES } from "./cli-allowlist";
export { runCli, saveConfig } from "./methods/configuration";
export { getEventCounts, getExtensionEvents, getPhoneEvents } from "./methods/events";
export { getExtensions } from "./methods/extensions";
export { setKeyPhones, unsetKeyPhones } from "./methods/key-phones";
export { getPhones } from "./methods/phones";
export { getPresenceSettings, getSessionServers, getSipSystemStatus, getSystemStatus } from "./methods/system";
export { getUser, updateUserPassword } from "./methods/users";
export { mapPhone, mapPhones } from "./map-phone";
export { mapExtension, mapExtensions } from "./map-extension";
export { mapEventCounts, mapExtensionEvents, mapPhoneEvents } from "./map-events";
export { mapPresenceSettings, mapSessionServers, mapSipSystemStatus, mapSystemStatus } from "./map-system";
export { mapExecCli, mapKeyPhoneResults, mapSaveConfig, mapUpdateUser, mapUser } from "./map-results";
export type * from "./selectors";
export type * from "./types";
export * from "./validators";
export { isCutReply } from "./fallback";
export { isRefusal, RouterRefusal } from "./refusal";
export { confirmGone, readEveryExtension, readEveryPhone, type FullRead } from "./full-read";
export {
  getDeviceTemplates,
  getExtensionTemplates,
  getHuntGroups,
  getUserProfiles,
  getUtilityDirectory,
  type NewerSelector,
} from "./methods/newer-getters";
export {
  mapDeviceTemplates,
  mapExtensionTemplates,
  mapHuntGroups,
  mapUserProfiles,
  mapUtilityDirectory,
} from "./map-newer";
