// ISgetGlobal, ISgetVoiceRegGlobal, ISgetSessionServer and ISgetPresenceGlobal: system-wide
// status of the router's SCCP and SIP sides.
import type { CmeCaller } from "../caller";
import { batchOrOneByOne, uniqueBy } from "../fallback";
import { mapPresenceSettings, mapSessionServers, mapSipSystemStatus, mapSystemStatus } from "../map-system";
import { sessionServerSelectorXml, type SessionServerSelector } from "../selectors";
import type { PresenceSettings, SessionServer, SipSystemStatus, SystemStatus } from "../types";

/** ISgetGlobal. */
export async function getSystemStatus(caller: CmeCaller): Promise<SystemStatus> {
  return mapSystemStatus((await caller.call("ISgetGlobal")).response);
}

/** ISgetVoiceRegGlobal. */
export async function getSipSystemStatus(caller: CmeCaller): Promise<SipSystemStatus> {
  return mapSipSystemStatus((await caller.call("ISgetVoiceRegGlobal")).response);
}

/** ISgetSessionServer. */
export async function getSessionServers(
  caller: CmeCaller,
  selectors: readonly SessionServerSelector[],
): Promise<SessionServer[]> {
  const fetch = async (some: readonly SessionServerSelector[]) =>
    mapSessionServers((await caller.call("ISgetSessionServer", some.map(sessionServerSelectorXml))).response);
  const servers = await batchOrOneByOne(selectors, fetch, (one) => fetch([one]));
  return uniqueBy(servers, (server) => JSON.stringify(server));
}

/** ISgetPresenceGlobal. */
export async function getPresenceSettings(caller: CmeCaller): Promise<PresenceSettings> {
  return mapPresenceSettings((await caller.call("ISgetPresenceGlobal")).response);
}
