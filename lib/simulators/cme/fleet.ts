// Builds a router's starting configuration: a seeded, realistic fleet (shared lines, 0800-style
// numbers, key phones, users) or the explicit list the demo gives so MACs match a CUCM cluster.
import {
  emptyConfig,
  newEphone,
  newEphoneDn,
  newPool,
  newVoiceRegisterDn,
  PHONE_MODELS,
  type RegistrationStatus,
  type RouterConfig,
} from "./model";
import type { ResolvedFleetSpec } from "./options";
import { seededRandom, type Random } from "./random";
import { buildExplicitFleet } from "./fleet-explicit";

const FIRST_NAMES = [
  "Peter",
  "Anna",
  "Jonas",
  "Maria",
  "Lukas",
  "Sofia",
  "Noah",
  "Emma",
  "Felix",
  "Lena",
  "Paul",
  "Mia",
  "Elias",
  "Hanna",
  "David",
  "Clara",
  "Omar",
  "Yuki",
  "Priya",
  "Mateo",
  "Chloe",
  "Ivan",
  "Aisha",
  "Tom",
];
const LAST_NAMES = [
  "Lee",
  "Schmidt",
  "Garcia",
  "Novak",
  "Rossi",
  "Dubois",
  "Kowalski",
  "Tanaka",
  "Okafor",
  "Silva",
  "Jensen",
  "Moreau",
  "Meyer",
  "Costa",
  "Nguyen",
  "Fischer",
  "Haddad",
  "Larsen",
  "Weber",
  "Khan",
];
/** Vendor prefixes Cisco phones really ship with, so MACs look like a real fleet. */
const CISCO_OUIS = ["0012DA", "001B54", "00036B", "000DED", "F87B20", "6C416A", "00E0F7", "5006AB"];
const SCCP_TYPES = PHONE_MODELS.filter((model) => model.protocol === "sccp").map((model) => model.type);
const SIP_TYPES = PHONE_MODELS.filter((model) => model.protocol === "sip").map((model) => model.type);
const DAY_MS = 24 * 60 * 60 * 1000;
export const RECEPTION_NUMBER = "0800";
export const VOICEMAIL_PILOT = "5000";

export function buildFleet(spec: ResolvedFleetSpec, now: number): RouterConfig {
  if ("phones" in spec) return buildExplicitFleet(spec, now);
  const random = seededRandom(spec.seed);
  const config = emptyConfig();
  const fleet = new FleetWriter(config, random, now);
  fleet.addEphones(spec.ephones);
  fleet.addPools(spec.pools);
  fleet.addProfileUsers();
  config.telephony.maxEphones = Math.max(48, spec.ephones + 10);
  config.telephony.maxDn = Math.max(144, config.ephoneDns.size + 20);
  return config;
}

class FleetWriter {
  private readonly macs = new Set<string>();
  private readonly numbers = new Set<string>();
  private readonly userIds = new Set<string>();

  constructor(
    private readonly config: RouterConfig,
    private readonly random: Random,
    private readonly now: number,
  ) {}

  addEphones(count: number): void {
    if (count === 0) return;
    // The reception line 0800 rings on the first two phones: a shared line on key phones.
    const reception = this.addEphoneDn(RECEPTION_NUMBER, "Reception");
    for (let tag = 1; tag <= count; tag++) {
      const type = tag <= 2 ? "7965" : this.random.pick(SCCP_TYPES);
      const phone = newEphone(tag, this.now);
      phone.type = type;
      phone.mac = this.uniqueMac();
      const person = this.person();
      phone.userName = this.random.chance(0.9) ? this.uniqueUserId(person.first, person.last) : "";
      const own = this.addEphoneDn(this.uniqueNumber(2000 + tag), `${person.first} ${person.last}`);
      phone.buttons.push({ line: 1, dnTag: own.tag, mode: "Normal" });
      if (tag <= 2) {
        phone.buttons.push({ line: 2, dnTag: reception.tag, mode: "Normal" });
        phone.keyPhone = true;
      } else if (type !== "ATA" && this.random.chance(0.1)) {
        // Boss/assistant pair: the previous phone's first line also appears here.
        const previous = this.config.ephones.get(tag - 1)?.buttons[0];
        if (previous) phone.buttons.push({ line: 2, dnTag: previous.dnTag, mode: "Normal" });
      }
      phone.keyPhone ||= this.random.chance(0.03);
      this.setStatus(phone, tag);
      this.config.ephones.set(tag, phone);
      if (phone.userName) {
        const password = String(this.random.int(1000, 9999));
        this.config.users.set(phone.userName, { userId: phone.userName, password, type: 1, tag });
      }
    }
  }

  addPools(count: number): void {
    for (let tag = 1; tag <= count; tag++) {
      const pool = newPool(tag, this.now);
      pool.type = this.random.pick(SIP_TYPES);
      pool.mac = this.uniqueMac();
      const person = this.person();
      const dn = newVoiceRegisterDn(tag, this.now);
      dn.number = this.uniqueNumber(3000 + tag);
      dn.name = `${person.first} ${person.last}`;
      this.config.voiceRegisterDns.set(tag, dn);
      pool.lines.push({ line: 1, dnTag: tag });
      if (tag > 1 && this.random.chance(0.15)) pool.lines.push({ line: 2, dnTag: tag - 1 });
      pool.maxRegistration = this.random.pick([1, 2, 42]);
      pool.codec = this.random.chance(0.7) ? "g711ulaw" : "g729r8";
      this.setStatus(pool, 200 + tag);
      this.config.pools.set(tag, pool);
    }
  }

  /** Extension-mobility users: one logout profile and one user profile (ISuserType 2 and 3). */
  addProfileUsers(): void {
    if (this.config.ephones.size === 0) return;
    this.config.users.set("hotdesk", { userId: "hotdesk", password: "1234", type: 2, tag: 1 });
    this.config.users.set("roaming", { userId: "roaming", password: "4321", type: 3, tag: 1 });
  }

  private addEphoneDn(number: string, name: string) {
    const tag = this.config.ephoneDns.size + 1;
    const dn = newEphoneDn(tag, this.now, "DUAL_LINE");
    dn.number = number;
    dn.name = name;
    this.numbers.add(number);
    if (tag > 1 && this.random.chance(0.05)) dn.callForwardAll = VOICEMAIL_PILOT;
    this.config.ephoneDns.set(tag, dn);
    return dn;
  }

  private setStatus(
    phone: { status: RegistrationStatus; lastStatus: RegistrationStatus; changedAt: number; address: string },
    index: number,
  ): void {
    const roll = this.random.next();
    phone.status = roll < 0.82 ? "registered" : roll < 0.94 ? "unregistered" : "deceased";
    phone.lastStatus =
      phone.status === "registered" ? this.random.pick(["unregistered", "deceased"] as const) : "registered";
    phone.changedAt = this.now - this.random.int(60_000, DAY_MS - 60_000);
    phone.address = `10.1.${Math.floor(index / 250)}.${(index % 250) + 2}`;
    if ("registeredAt" in phone) phone.registeredAt = phone.status === "registered" ? phone.changedAt : null;
  }

  /** Mostly 2xxx/3xxx, but about one in ten numbers has a leading zero (0417) that must survive. */
  private uniqueNumber(usual: number): string {
    let number = this.random.chance(0.1) ? `0${this.random.int(100, 799)}` : String(usual);
    while (this.numbers.has(number)) number = `0${this.random.int(100, 799)}`;
    this.numbers.add(number);
    return number;
  }

  private uniqueMac(): string {
    for (;;) {
      const suffix = this.random.int(0, 0xffffff).toString(16).toUpperCase().padStart(6, "0");
      const mac = this.random.pick(CISCO_OUIS) + suffix;
      if (!this.macs.has(mac)) {
        this.macs.add(mac);
        return mac;
      }
    }
  }

  private uniqueUserId(first: string, last: string): string {
    const base = (first.charAt(0) + last).toLowerCase().slice(0, 16);
    let userId = base;
    for (let n = 2; this.userIds.has(userId); n++) userId = `${base}${n}`;
    this.userIds.add(userId);
    return userId;
  }

  private person(): { first: string; last: string } {
    return { first: this.random.pick(FIRST_NAMES), last: this.random.pick(LAST_NAMES) };
  }
}

/** The router booted a day before the simulator starts; every generated change falls after boot. */
export const UPTIME_AT_START_MS = DAY_MS;
