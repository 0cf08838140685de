// The seeded fleet generator: N devices of every kind spread over K nodes. MAC names mix a few
// Cisco OUIs with fully random MACs, so prefix partitioning (SEP0*, SEP1*, ...) gives uneven,
// realistic buckets; Jabber clients share their owner's desk-phone line.
import { deviceKinds, type DeviceKind } from "./device-kinds";
import { defaultStatusReason, type DeviceSpec } from "./device-spec";
import { seededRandom, type Random } from "./random";
import type { DownloadStatus, RegistrationStatus } from "./vocabulary";

export interface FleetOptions {
  devices: number;
  nodeNames: readonly string[];
  seed: number | string;
  nowSeconds: number;
  /** Share of devices that failed over once and left a stale UnRegistered copy on another node. */
  staleShare: number;
  /** Share of devices named in lower or mixed case (`csfjdoe`, `CiscoUM1-VI1`, `Lobby_Phone-2.b@hq/1`); 0 keeps every fleet as before. */
  mixedCaseShare?: number;
  /** Configured phones that never register, appended after the fleet: AXL lists them, RisPort does not. */
  neverRegistered?: number;
}

/** A lower- or mixed-case name, as sites name Jabber clients, voicemail ports and odd devices. */
function mixedCaseName(random: ReturnType<typeof seededRandom>, name: string, counter: number): string {
  switch (random.int(0, 3)) {
    case 0:
      return `csf${random.pick(["jdoe", "asmith", "bwong", "ckim", "dlopez", "emuller"])}${counter}`;
    case 1:
      return `CiscoUM${random.int(1, 9)}-VI${counter}`;
    case 2:
      return `Lobby_Phone-${counter}.${random.pick(["a", "b", "Ext"])}@${random.pick(["hq", "Br01", "lab"])}/${random.int(1, 9)}`;
    default:
      return `${name.slice(0, 2)}${name.slice(2).toLowerCase()}`;
  }
}

const ouis = [
  "0008E3",
  "001B54",
  "0023EB",
  "2C3124",
  "3C0E23",
  "5006AB",
  "64F69D",
  "7C69F6",
  "88755A",
  "A0ECF9",
  "B4A4E3",
  "C4B9CD",
  "D0EC35",
  "E8B748",
  "F01FAF",
];
const firstNames = [
  "Anna",
  "Ben",
  "Chloe",
  "David",
  "Elif",
  "Farid",
  "Grace",
  "Hugo",
  "Ines",
  "Jonas",
  "Kai",
  "Lena",
  "Marta",
  "Nils",
  "Olga",
  "Pavel",
  "Quinn",
  "Rosa",
  "Sven",
  "Tara",
  "Umar",
  "Vera",
  "Wim",
  "Yara",
  "Zoe",
];
const lastNames = [
  "Adler",
  "Berg",
  "Costa",
  "Dubois",
  "Eriksen",
  "Fischer",
  "Garcia",
  "Horvat",
  "Ito",
  "Jansen",
  "Kowalski",
  "Larsen",
  "Moreau",
  "Novak",
  "Olsen",
  "Peters",
  "Quint",
  "Rossi",
  "Schmidt",
  "Tanaka",
  "Ueda",
  "Varga",
  "Weber",
  "Young",
  "Zeller",
];
const unregisteredReasons = [1, 2, 8, 9, 10, 13, 13, 13, 15, 16, 17, 18, 19];

interface Person {
  first: string;
  last: string;
  userId: string;
  deskLine?: string;
}

function pickKind(random: Random, totalWeight: number): DeviceKind {
  let roll = random.next() * totalWeight;
  for (const kind of deviceKinds) {
    roll -= kind.weight;
    if (roll < 0) return kind;
  }
  return deviceKinds[0] as DeviceKind;
}

function pickStatus(random: Random, kind: DeviceKind, lineCount: number): RegistrationStatus {
  const roll = random.next();
  const unregisteredShare = kind.naming === "user" ? 0.3 : 0.07;
  if (roll < unregisteredShare) return "UnRegistered";
  if (roll < unregisteredShare + 0.01) return "Rejected";
  if (roll < unregisteredShare + 0.02 && lineCount > 1) return "PartiallyRegistered";
  if (roll < unregisteredShare + 0.025) return "Unknown";
  return "Registered";
}

function pickDownload(random: Random): DownloadStatus {
  const roll = random.next();
  if (roll < 0.04) return "Upgrading";
  if (roll < 0.06) return "Failed";
  if (roll < 0.2) return "Successful";
  return "Unknown";
}

/** Generates the specs of a whole fleet; the same options always give the same devices. */
export function generateFleet(options: FleetOptions): DeviceSpec[] {
  const random = seededRandom(`fleet:${options.seed}`);
  const totalWeight = deviceKinds.reduce((sum, kind) => sum + kind.weight, 0);
  const usedNames = new Set<string>();
  const people: Person[] = [];
  const userIds = new Set<string>();
  const adminCounters = new Map<string, number>();
  const specs: DeviceSpec[] = [];
  let nextLine = 20000;

  const newPerson = (): Person => {
    const first = random.pick(firstNames);
    const last = random.pick(lastNames);
    let userId = `${first[0]}${last}`.toLowerCase();
    while (userIds.has(userId)) userId = `${first[0]}${last}${random.int(2, 9999)}`.toLowerCase();
    userIds.add(userId);
    const person = { first, last, userId };
    if (people.length < 5000) people.push(person);
    return person;
  };

  const uniqueName = (make: () => string): string => {
    let name = make();
    while (usedNames.has(name.toUpperCase())) name = make();
    usedNames.add(name.toUpperCase());
    return name;
  };

  for (let index = 0; index < options.devices; index++) {
    // A fleet of 40 or more starts with one device of every kind, so small test fleets cover them all.
    const kind =
      options.devices >= 40 && index < deviceKinds.length
        ? (deviceKinds[index] as DeviceKind)
        : pickKind(random, totalWeight);
    const protocol = random.pick(kind.protocols);
    const spec: DeviceSpec = { name: "", model: kind.model, protocol };
    let owner: Person | undefined;

    if (kind.naming === "mac") {
      spec.name = uniqueName(() => `SEP${random.chance(0.5) ? random.pick(ouis) + random.hex(6) : random.hex(12)}`);
      owner = newPerson();
      const lineCount = random.chance(0.8) ? 1 : random.int(2, kind.maxLines);
      spec.lines = Array.from({ length: lineCount }, () =>
        random.chance(0.05) ? `+1408555${String(nextLine++ % 10000).padStart(4, "0")}` : String(nextLine++),
      );
      owner.deskLine = spec.lines[0];
      const autoRegistered = random.chance(0.1);
      spec.description = autoRegistered
        ? `Auto ${spec.lines[0]}`
        : `${owner.first} ${owner.last} ${kind.label.replace("Cisco ", "")}`;
      if (random.chance(0.05)) spec.loginUserId = owner.userId;
    } else if (kind.naming === "user") {
      owner = people.length > 0 && random.chance(0.7) ? random.pick(people) : newPerson();
      const person = owner;
      spec.name = uniqueName(() =>
        `${kind.prefix}${person.userId}${usedNames.has(`${kind.prefix}${person.userId}`.toUpperCase()) ? random.int(2, 99) : ""}`.toUpperCase(),
      );
      spec.lines = [owner.deskLine ?? String(nextLine++)];
      spec.description = `${owner.first} ${owner.last} Jabber`;
    } else {
      const counter = (adminCounters.get(kind.id) ?? 0) + 1;
      adminCounters.set(kind.id, counter);
      spec.name = uniqueName(() =>
        kind.id === "analog-gateway"
          ? `AALN/S0/SU${Math.floor((counter - 1) / 24)}/${(counter - 1) % 24}@br-gw${String(random.int(1, 40)).padStart(2, "0")}`
          : `${kind.prefix}${String(counter).padStart(4, "0")}`,
      );
      spec.lines = Array.from({ length: kind.maxLines }, () => String(nextLine++));
      spec.description = `${kind.label} ${counter}`;
    }

    const lineCount = spec.lines?.length ?? 0;
    const status = pickStatus(random, kind, lineCount);
    spec.status = status;
    spec.statusReason =
      status === "UnRegistered" ? random.pick(unregisteredReasons) : defaultStatusReason(status, protocol);
    spec.node = random.pick(options.nodeNames);
    spec.timeStamp = options.nowSeconds - random.int(60, 14 * 86_400);
    spec.registrationAttempts = status === "Registered" ? (random.chance(0.1) ? 1 : 0) : random.int(1, 6);

    const mobile = kind.prefix === "BOT" || kind.prefix === "TCT";
    const ipv6Only = mobile && random.chance(0.2);
    spec.ipv4 = ipv6Only
      ? null
      : kind.naming === "user"
        ? `172.${16 + (Math.floor(index / 65_000) % 16)}.${Math.floor(index / 254) % 256}.${(index % 254) + 1}`
        : `10.${Math.floor(index / 65_000) % 256}.${Math.floor(index / 254) % 256}.${(index % 254) + 1}`;
    spec.ipv6 =
      ipv6Only || random.chance(0.1)
        ? `2001:db8:${(index >> 16).toString(16)}::${(index & 0xffff).toString(16)}`
        : null;

    if (kind.naming === "mac") {
      const download = pickDownload(random);
      spec.downloadStatus = download;
      if (download === "Upgrading" || download === "Failed") {
        spec.inactiveLoadId = `${kind.loads[protocol] ?? "unknown"}-next`;
        spec.downloadServer = "10.0.0.21";
      }
      if (download === "Failed")
        spec.downloadFailureReason = random.pick(["File Not Found", "TFTP Timeout", "Invalid Image"]);
    }

    if (options.nodeNames.length > 1 && random.chance(options.staleShare)) {
      const others = options.nodeNames.filter((node) => node !== spec.node);
      spec.staleRegistrations = [
        {
          node: random.pick(others),
          timeStamp: (spec.timeStamp ?? options.nowSeconds) - random.int(60, 3 * 86_400),
          statusReason: random.pick([2, 13, 16]),
        },
      ];
    }
    // The AXL owner (enduser) of the device; Jabber clients and desk phones have one.
    if (owner) spec.owner = owner.userId;
    if ((options.mixedCaseShare ?? 0) > 0 && random.chance(options.mixedCaseShare ?? 0)) {
      usedNames.delete(spec.name.toUpperCase());
      const original = spec.name;
      spec.name = uniqueName(() => mixedCaseName(random, original, random.int(1, 99_999)));
    }
    specs.push(spec);
  }

  // A separate stream, so adding spare phones leaves the registered fleet exactly as before.
  const spare = seededRandom(`fleet-configured-only:${options.seed}`);
  const phoneKinds = deviceKinds.filter((kind) => kind.naming === "mac");
  for (let index = 0; index < (options.neverRegistered ?? 0); index++) {
    const kind = spare.pick(phoneKinds);
    const protocol = spare.pick(kind.protocols);
    const name = uniqueName(() => `SEP${spare.chance(0.5) ? spare.pick(ouis) + spare.hex(6) : spare.hex(12)}`);
    const line = String(nextLine++);
    specs.push({
      name,
      model: kind.model,
      protocol,
      lines: [line],
      description: spare.chance(0.5) ? `Spare ${kind.label.replace("Cisco ", "")}` : `Auto ${line}`,
      status: "UnRegistered",
      statusReason: 1,
      node: spare.pick(options.nodeNames),
      timeStamp: options.nowSeconds - spare.int(86_400, 90 * 86_400),
      registrationAttempts: 0,
      ipv4: null,
      owner: null,
      configuredOnly: true,
    });
  }
  return specs;
}
