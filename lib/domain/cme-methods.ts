// The CME/SRST XML API's method names, as Cisco's guides spell them: one vocabulary for the
// client (lib/cme) and the router simulator (lib/simulators/cme), so neither can drift from the
// other. What each method does stays on each side; only the names live here.

/** The seed guide's methods (2008) and the newer form's SIP getters (SRST 8.5+): every router we speak to. */
export const CME_CORE_METHODS = [
  "ISexecCLI",
  "ISSaveConfig",
  "ISgetGlobal",
  "ISgetDevice",
  "ISgetExtension",
  "ISsetKeyPhones",
  "ISunsetKeyPhones",
  "ISgetEvtCounts",
  "ISgetDevEvts",
  "ISgetExtEvts",
  "ISgetUser",
  "ISupdateUser",
  "ISgetVoiceRegGlobal",
  "ISgetSessionServer",
  "ISgetPresenceGlobal",
  // The newer guide's (2010 SRST 8.5+, 2022 CME) SIP getters.
  "ISgetSipDevice",
  "ISgetSipExtension",
] as const;
export type CmeCoreMethod = (typeof CME_CORE_METHODS)[number];

/** The 2022 guide's further getters: the client may ask for them; the simulator does not offer them. */
export const CME_NEWER_GETTERS = [
  "ISgetVoiceHuntGroup",
  "ISgetDeviceTemplate",
  "ISgetExtensionTemplate",
  "ISgetUserProfile",
  "ISgetUtilityDirectory",
] as const;

export const CME_METHODS = [...CME_CORE_METHODS, ...CME_NEWER_GETTERS] as const;
export type CmeMethod = (typeof CME_METHODS)[number];

/** Seed methods the 2022 guide no longer lists: a newer router may refuse them. */
export const CME_METHODS_DROPPED_IN_2022 = [
  "ISsetKeyPhones",
  "ISunsetKeyPhones",
  "ISgetEvtCounts",
  "ISgetDevEvts",
  "ISgetExtEvts",
  "ISupdateUser",
] as const satisfies readonly CmeCoreMethod[];
