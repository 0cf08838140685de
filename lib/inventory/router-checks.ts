// Before a router's phone list may mark phones as removed: its size is checked against what the
// router says it holds (ISgetGlobal), and a few phones that vanished are asked for one by one.
// Each check that fails leaves a reason in plain words; the list then counts as incomplete.
import type { CmeClient, Phone, SystemStatus } from "@/lib/cme";
import { phoneName } from "./map-cme";
import type { SeenPhone } from "./router-memory";

/** How many vanished phones are asked for one by one before the rest are believed. */
export const CONFIRM_AT_MOST = 5;

/**
 * ISConfiguredDevice and ISDeviceRegistered against the list read. Whether ISConfiguredDevice
 * counts SIP pools too is unverified, so the whole list is compared (never a false alarm either
 * way); registered counts move between two requests, so they only check an empty list.
 */
export function countDoubts(phones: readonly Phone[], system: SystemStatus | null): string[] {
  if (system === null)
    return ["The router's system status (ISgetGlobal) could not be read, so its phone count could not be checked."];
  const configured = system.configuredPhones ?? 0;
  const registered = system.registeredPhones ?? 0;
  if (phones.length === 0 && (configured > 0 || registered > 0)) {
    return [
      `The router reports ${configured} configured and ${registered} registered phones, but its phone list came back empty.`,
    ];
  }
  if (phones.length < configured)
    return [`The router reports ${configured} configured phones, but its phone list held only ${phones.length}.`];
  return [];
}

/** An extension list that came back empty while the router counts configured extensions. */
export function extensionCountDoubts(count: number, system: SystemStatus | null): string[] {
  const configured = system?.configuredExtensions ?? 0;
  return count === 0 && configured > 0
    ? [`The router reports ${configured} configured extensions, but its extension list came back empty.`]
    : [];
}

export function seenPhones(phones: readonly Phone[]): SeenPhone[] {
  return phones.map((phone) => ({
    name: phoneName(phone),
    protocol: phone.protocol,
    tag: phone.protocol === "sccp" ? phone.ephoneTag : phone.poolId,
  }));
}

/** Phones listed last time and not now: a handful are asked for by name before any is believed gone. */
export async function disappearanceDoubts(
  client: Pick<CmeClient, "confirmGone">,
  previous: readonly SeenPhone[] | null,
  phones: readonly Phone[],
): Promise<string[]> {
  if (!previous) return [];
  const now = new Set(phones.map(phoneName));
  const vanished = previous.filter((phone) => !now.has(phone.name));
  const present: string[] = [];
  let unsure = 0;
  for (const phone of vanished.slice(0, CONFIRM_AT_MOST)) {
    const answer = await client.confirmGone(phone);
    if (answer === "present") present.push(phone.name);
    else if (answer === "unsure") unsure++;
  }
  const doubts: string[] = [];
  if (present.length > 0)
    doubts.push(
      `${present.join(", ")} ${present.length === 1 ? "was" : "were"} missing from the router's phone list but answered when asked by name, so the list is not trusted this time.`,
    );
  if (unsure > 0)
    doubts.push(`${unsure} phone(s) missing from the router's phone list could not be confirmed as removed.`);
  return doubts;
}
