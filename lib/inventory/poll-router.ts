// One poll of a CME/SRST router: its system status first (the form it speaks, and how many phones
// it says it holds), then every phone (SCCP and SIP) and extension, the router's event log and its
// SIP status. Phones are the poll; every other part that fails only makes it partial. Nothing is
// marked missing unless the list was read completely, in shapes the client knows, and agrees with
// the router's own counts (router-checks.ts).
import { failureOf, PollFailure } from "./health";
import type { CmeClient, FullRead, SipSystemStatus, SystemStatus } from "@/lib/cme";
import type { SourceConnection } from "@/lib/db/sources";
import { isSoapError } from "@/lib/soap";
import { routerClient } from "./clients";
import { phoneNamesByTag, routerDevice, routerExtension } from "./map-cme";
import { countDoubts, disappearanceDoubts, extensionCountDoubts, seenPhones } from "./router-checks";
import { EventLogUnavailable, readEventLog } from "./router-events";
import { readRouterMemory, type RouterMemory, type SeenPhone } from "./router-memory";
import type { PollProblem, SourceSnapshot } from "./snapshot";

export { readEventLog } from "./router-events";
export { readRouterMemory, type RouterMemory } from "./router-memory";

function problemOf(part: string, error: unknown): PollProblem {
  if (isSoapError(error)) return { kind: error.kind, userMessage: `${part}: ${error.userMessage}` };
  return { kind: "internal", userMessage: `${part}: an unexpected error stopped this part of the poll.` };
}

/** Runs an optional part; its failure is recorded, never thrown (unless the poll was stopped). */
async function part<T>(
  name: string,
  problems: PollProblem[],
  signal: AbortSignal | undefined,
  run: () => Promise<T>,
): Promise<T | null> {
  signal?.throwIfAborted();
  try {
    return await run();
  } catch (error) {
    signal?.throwIfAborted();
    problems.push(problemOf(name, error));
    return null;
  }
}

/** A list that is not complete: the poll is partial, the reason in plain words, stored records kept. */
const incomplete = (part: string, doubts: readonly string[]): PollProblem[] =>
  doubts.map((doubt) => ({ kind: "incomplete", userMessage: `${part}: ${doubt}` }));

function pollFailed(client: CmeClient, error: unknown): never {
  // The poll failed, but its requests were sent: the Poll row counts them. (Our own faults go up
  // as they are, so the log names them.)
  if (!isSoapError(error)) throw error;
  const failure = failureOf(error);
  throw new PollFailure(failure.kind, failure.userMessage, { ...failure.options, requests: client.roundTrips });
}

/**
 * Doubts about the SIP side count unless the router plainly has none: it refused ISgetVoiceRegGlobal
 * too (an SRST or SCCP-only router) and no SIP phone was ever listed by it.
 */
function withoutAbsentSipSide<T extends { protocol: string }>(
  read: FullRead<T>,
  sipSide: boolean,
  sipSeen: boolean,
): string[] {
  if (sipSide || sipSeen || read.items.some((item) => item.protocol === "sip")) return read.doubts;
  return read.doubts.filter((doubt) => !read.sipDoubts.includes(doubt));
}

async function readPhones(
  client: CmeClient,
  system: SystemStatus | null,
  memory: RouterMemory,
  sipSide: () => Promise<boolean>,
  signal: AbortSignal | undefined,
) {
  const previous = memory.phones;
  const read = await client.readEveryPhone().catch((error: unknown) => {
    signal?.throwIfAborted();
    return pollFailed(client, error);
  });
  const sipSeen = previous?.some((phone) => phone.protocol === "sip") ?? true;
  const ownDoubts = read.sipDoubts.length > 0 ? withoutAbsentSipSide(read, await sipSide(), sipSeen) : read.doubts;
  const doubts = [...ownDoubts, ...countDoubts(read.items, system)];
  // Only a list that looks complete is worth confirming; one that is not removes nothing anyway.
  if (doubts.length === 0) doubts.push(...(await disappearanceDoubts(client, previous, read.items)));
  return { phones: read.items, complete: doubts.length === 0, doubts };
}

/** The event log, or the reason it is not offered (said once, when it first refuses). */
async function readLog(
  client: CmeClient,
  memory: RouterMemory,
  problems: PollProblem[],
  signal: AbortSignal | undefined,
) {
  try {
    signal?.throwIfAborted();
    return { log: await readEventLog(client, memory), unavailable: null };
  } catch (error) {
    signal?.throwIfAborted();
    if (error instanceof EventLogUnavailable) {
      if (memory.eventLogUnavailable === null)
        problems.push({ kind: "unsupported", userMessage: `Event log: ${error.reason}` });
      return { log: null, unavailable: error.reason };
    }
    problems.push(problemOf("Event log", error));
    return { log: null, unavailable: memory.eventLogUnavailable };
  }
}

export async function pollRouter(
  source: SourceConnection,
  memoryJson: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<SourceSnapshot> {
  const memory = readRouterMemory(memoryJson);
  // The form learned before; the system status below re-learns it if the router changed.
  const client = routerClient(source, { knownDialect: memory.dialect ?? undefined });
  const problems: PollProblem[] = [];

  // The system status first: it tells the form and how many phones the router says it holds.
  const system = await part("System status", problems, signal, () => client.getSystemStatus());
  signal?.throwIfAborted();
  // SRST and SCCP-only routers may have no SIP side at all; only a network failure counts.
  let sipRead: Promise<SipSystemStatus | null> | undefined;
  const sipStatus = () =>
    (sipRead ??= client.getSipSystemStatus().catch((error: unknown) => {
      signal?.throwIfAborted();
      if (isSoapError(error) && (error.kind === "timeout" || error.kind === "transport"))
        problems.push(problemOf("SIP status", error));
      return null;
    }));
  const hasSipSide = async () => (await sipStatus()) !== null;
  // Phones next: if they cannot be read, the poll failed and the error says why.
  const phones = await readPhones(client, system, memory, hasSipSide, signal);
  problems.push(...incomplete("Phones", phones.doubts));
  const extensions = await part("Extensions", problems, signal, async () => {
    const read = await client.readEveryExtension();
    const ownDoubts =
      read.sipDoubts.length > 0
        ? withoutAbsentSipSide(
            read,
            await hasSipSide(),
            phones.phones.some((phone) => phone.protocol === "sip"),
          )
        : read.doubts;
    const doubts = [...ownDoubts, ...extensionCountDoubts(read.items.length, system)];
    return { items: read.items, complete: doubts.length === 0, doubts };
  });
  if (extensions && !extensions.complete) problems.push(...incomplete("Extensions", extensions.doubts));
  const sip = await sipStatus();
  const { log, unavailable } = await readLog(client, memory, problems, signal);

  const node = system?.hostName ?? source.name;
  const names = phoneNamesByTag(phones.phones);
  const seen = seenPhones(phones.phones);
  return {
    devices: { items: phones.phones.map((phone) => routerDevice(phone, node)), complete: phones.complete },
    extensions: extensions
      ? { items: extensions.items.map((extension) => routerExtension(extension, names)), complete: extensions.complete }
      : null,
    cti: null,
    routerEvents: log?.events ?? [],
    requests: client.roundTrips,
    problems,
    memory: {
      kind: "cme",
      dialect: client.knownDialect() ?? memory.dialect,
      // After an incomplete read, phones not read are still "last seen": they stay to be confirmed.
      phones: phones.complete ? seen : mergeSeen(memory.phones ?? [], seen),
      eventLogUnavailable: unavailable,
      deviceEventId: log ? log.deviceEventId : memory.deviceEventId,
      extensionEventId: log ? log.extensionEventId : memory.extensionEventId,
      system: system
        ? {
            hostName: system.hostName,
            mode: system.mode,
            version: system.version,
            address: system.address,
            registeredPhones: system.registeredPhones,
            configuredPhones: system.configuredPhones,
            maxPhones: system.maxPhones,
            configuredExtensions: system.configuredExtensions,
            maxExtensions: system.maxExtensions,
            sip: sip
              ? { maxPools: sip.maxPools, maxExtensions: sip.maxExtensions, mode: sip.mode, version: sip.version }
              : null,
          }
        : (memory.system ?? null),
    },
  };
}

function mergeSeen(previous: readonly SeenPhone[], now: readonly SeenPhone[]): SeenPhone[] {
  const byName = new Map(previous.map((phone) => [phone.name, phone]));
  for (const phone of now) byName.set(phone.name, phone);
  return [...byName.values()];
}
