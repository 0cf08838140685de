// The live router: registrations and the events they log, key phones, user passwords and the
// saved configuration. Method handlers and the control surface both change the router through here.
import type { EventLog } from "./events";
import { UPTIME_AT_START_MS } from "./fleet";
import {
  deviceName,
  normalizeMac,
  type Ephone,
  type RegistrationStatus,
  type RouterConfig,
  type VoiceRegisterPool,
} from "./model";
import type { Random } from "./random";
import { renderRunningConfig } from "./running-config";

export type SaveConfigResult = "success" | "fail" | "delay";
export type PasswordChange = { ok: true } | { ok: false; error: string };
export const MAX_PASSWORD_LENGTH = 19;

type Phone = { kind: "ephone"; phone: Ephone } | { kind: "pool"; phone: VoiceRegisterPool };

/** How long a restarted phone stays away (it re-reads its configuration) and a reset one (it reboots). */
export const RESTART_TIMES = { restartMs: 8_000, resetMs: 20_000 };

export class RouterState {
  readonly bootAt: number;
  terminalSessionOpen = false;
  saveConfigFails = false;
  private savePending = false;
  private startup: string;
  private peakRegistered = 0;
  private peakRegisteredAt: number;
  /** Phones the timer's churn dropped, oldest tick first: each comes back after returnAfter ticks. */
  private readonly churnedDown: Phone[][] = [];
  /** Phones restarted or reset from the CLI: unregistered until `at`, then registered again. */
  private readonly restarting = new Map<Ephone | VoiceRegisterPool, { target: Phone; at: number }>();

  constructor(
    readonly config: RouterConfig,
    readonly events: EventLog,
    readonly clock: () => number,
    private readonly random: Random,
  ) {
    this.bootAt = clock() - UPTIME_AT_START_MS;
    this.peakRegisteredAt = clock();
    this.refreshExtensions(false);
    this.notePeak();
    this.startup = renderRunningConfig(config);
  }

  /** Seconds since the router booted: the unit of every *ChangeTime and *EventTime. */
  uptimeSeconds(at: number = this.clock()): number {
    return Math.max(0, Math.floor((at - this.bootAt) / 1000));
  }

  registeredCount(): number {
    let count = 0;
    for (const phone of this.config.ephones.values()) if (phone.status === "registered") count++;
    return count;
  }

  peak(): { count: number; uptimeSeconds: number } {
    return { count: this.peakRegistered, uptimeSeconds: this.uptimeSeconds(this.peakRegisteredAt) };
  }

  findEphone(nameOrMac: string): Ephone | undefined {
    const mac = normalizeMac(nameOrMac);
    if (!mac) return undefined;
    for (const phone of this.config.ephones.values()) if (phone.mac === mac) return phone;
    return undefined;
  }

  findPool(nameOrMac: string): VoiceRegisterPool | undefined {
    const mac = normalizeMac(nameOrMac);
    if (!mac) return undefined;
    for (const pool of this.config.pools.values()) if (pool.mac === mac) return pool;
    return undefined;
  }

  /**
   * `restart` / `reset` under `ephone N` or `voice register pool N`: a registered phone drops its
   * registration and comes back after `restart.restartMs` (a reset, a reboot, takes `resetMs`). A
   * phone that is down stays down: IOS takes the command and the phone never hears it. False when
   * the tag has no phone with a MAC address.
   */
  restartPhone(kind: Phone["kind"], tag: number, hard: boolean): boolean {
    const phone = kind === "ephone" ? this.config.ephones.get(tag) : this.config.pools.get(tag);
    if (!phone?.mac) return false;
    this.settleRestarts();
    if (phone.status !== "registered" && !this.restarting.has(phone)) return true;
    const target = { kind, phone } as Phone;
    this.changeStatus(target, "unregistered");
    this.restarting.set(phone, { target, at: this.clock() + (hard ? RESTART_TIMES.resetMs : RESTART_TIMES.restartMs) });
    return true;
  }

  /** Phones whose restart is over register again; every request to the router looks first. */
  settleRestarts(): void {
    if (this.restarting.size === 0) return;
    const now = this.clock();
    for (const [phone, { target, at }] of this.restarting) {
      if (now < at) continue;
      this.restarting.delete(phone);
      this.changeStatus(target, "registered");
    }
  }

  /** Registers or drops a phone (SCCP or SIP, by device name or MAC); false if no such phone. */
  setPhoneStatus(nameOrMac: string, status: RegistrationStatus): boolean {
    const ephone = this.findEphone(nameOrMac);
    const pool = ephone ? undefined : this.findPool(nameOrMac);
    if (ephone) this.changeStatus({ kind: "ephone", phone: ephone }, status);
    else if (pool) this.changeStatus({ kind: "pool", phone: pool }, status);
    return Boolean(ephone ?? pool);
  }

  /** Flips `count` phones picked by the seeded random source; returns their device names. */
  churn(count: number): string[] {
    const phones: Phone[] = [
      ...[...this.config.ephones.values()].filter((p) => p.mac).map((phone) => ({ kind: "ephone" as const, phone })),
      ...[...this.config.pools.values()].filter((p) => p.mac).map((phone) => ({ kind: "pool" as const, phone })),
    ];
    const flipped: string[] = [];
    for (let i = 0; i < count && phones.length > 0; i++) {
      const [picked] = phones.splice(this.random.int(0, phones.length - 1), 1);
      if (!picked) break;
      const next: RegistrationStatus =
        picked.phone.status !== "registered" ? "registered" : this.random.chance(0.2) ? "deceased" : "unregistered";
      this.changeStatus(picked, next);
      flipped.push(deviceName(picked.phone.type, picked.phone.mac));
    }
    return flipped;
  }

  /**
   * One tick of ordinary noise, as the churn timer runs it: the phones dropped `returnAfter` ticks
   * ago register again, then `drop` registered phones drop (one in five "deceased"). Phones the
   * fleet starts unregistered stay so, and at most drop × returnAfter are down from churn at once,
   * so a router left running keeps its starting share registered (flipping random phones drifted
   * it towards half). Returns the device names that changed.
   */
  churnTick(drop: number, returnAfter: number): string[] {
    const changed: string[] = [];
    while (this.churnedDown.length >= Math.max(1, returnAfter)) {
      for (const picked of this.churnedDown.shift() ?? []) {
        if (picked.phone.status === "registered") continue;
        this.changeStatus(picked, "registered");
        changed.push(deviceName(picked.phone.type, picked.phone.mac));
      }
    }
    const held = new Set(this.churnedDown.flat().map((p) => p.phone));
    const up: Phone[] = [
      ...[...this.config.ephones.values()].map((phone) => ({ kind: "ephone" as const, phone })),
      ...[...this.config.pools.values()].map((phone) => ({ kind: "pool" as const, phone })),
    ].filter((p) => p.phone.mac && p.phone.status === "registered" && !held.has(p.phone));
    const dropped: Phone[] = [];
    for (let i = 0; i < drop && up.length > 0; i++) {
      const [picked] = up.splice(this.random.int(0, up.length - 1), 1);
      if (!picked) break;
      this.changeStatus(picked, this.random.chance(0.2) ? "deceased" : "unregistered");
      dropped.push(picked);
      changed.push(deviceName(picked.phone.type, picked.phone.mac));
    }
    this.churnedDown.push(dropped);
    return changed;
  }

  /** ISsetKeyPhones / ISunsetKeyPhones: only configured SCCP phones can be key phones. */
  setKeyPhone(nameOrMac: string, keyPhone: boolean): boolean {
    const phone = this.findEphone(nameOrMac);
    if (!phone) return false;
    phone.keyPhone = keyPhone;
    return true;
  }

  /** ISupdateUser. The messages follow the seed's "User peter does not exist". */
  changePassword(userId: string, password: string): PasswordChange {
    const user = this.config.users.get(userId);
    if (!user) return { ok: false, error: `User ${userId} does not exist` };
    if (password.length > MAX_PASSWORD_LENGTH) {
      return { ok: false, error: `Password for user ${userId} exceeds ${MAX_PASSWORD_LENGTH} characters` };
    }
    if (password.length === 0 || /\s/.test(password))
      return { ok: false, error: `Invalid password for user ${userId}` };
    user.password = password;
    return { ok: true };
  }

  /** ISSaveConfig: a save asked for while someone is on a terminal happens when they leave. */
  saveConfig(): SaveConfigResult {
    if (this.saveConfigFails) return "fail";
    if (this.terminalSessionOpen) {
      this.savePending = true;
      return "delay";
    }
    this.startup = renderRunningConfig(this.config);
    return "success";
  }

  setTerminalSession(open: boolean): void {
    this.terminalSessionOpen = open;
    if (!open && this.savePending && !this.saveConfigFails) {
      this.savePending = false;
      this.startup = renderRunningConfig(this.config);
    }
  }

  startupConfig(): string {
    return this.startup;
  }

  /**
   * Recomputes which numbers are up (a registered phone carries them) and logs Up/Down changes.
   * At start-up nothing is logged and each number's change time comes from its phones' history.
   */
  refreshExtensions(logChanges = true): void {
    const ephones = [...this.config.ephones.values()].map((phone) => ({
      ...phone,
      dnTags: phone.buttons.map((b) => b.dnTag),
    }));
    const pools = [...this.config.pools.values()].map((pool) => ({ ...pool, dnTags: pool.lines.map((l) => l.dnTag) }));
    this.refreshNumbers("sccp", this.config.ephoneDns, ephones, logChanges);
    this.refreshNumbers("sip", this.config.voiceRegisterDns, pools, logChanges);
  }

  private refreshNumbers(
    protocol: "sccp" | "sip",
    numbers: Map<number, { tag: number; number: string; up: boolean; changedAt: number }>,
    phones: Array<{ status: RegistrationStatus; changedAt: number; dnTags: number[] }>,
    logChanges: boolean,
  ): void {
    const upSince = new Map<number, number>();
    const lastChange = new Map<number, number>();
    for (const phone of phones) {
      for (const tag of phone.dnTags) {
        if (phone.status === "registered") upSince.set(tag, Math.min(upSince.get(tag) ?? Infinity, phone.changedAt));
        lastChange.set(tag, Math.max(lastChange.get(tag) ?? -Infinity, phone.changedAt));
      }
    }
    const now = this.clock();
    for (const dn of numbers.values()) {
      const up = upSince.has(dn.tag);
      if (!logChanges) {
        dn.up = up;
        dn.changedAt = upSince.get(dn.tag) ?? lastChange.get(dn.tag) ?? this.bootAt;
        continue;
      }
      if (up === dn.up) continue;
      dn.up = up;
      dn.changedAt = now;
      this.events.extensions.add({ protocol, extensionTag: dn.tag, number: dn.number, status: up ? "Up" : "Down" });
    }
  }

  private changeStatus(target: Phone, status: RegistrationStatus): void {
    const phone = target.phone;
    if (phone.status === status) return;
    const now = this.clock();
    phone.lastStatus = phone.status;
    phone.status = status;
    phone.changedAt = now;
    if (status === "registered" && phone.address === "0.0.0.0")
      phone.address = `10.9.${phone.tag >> 8}.${phone.tag & 255}`;
    if (target.kind === "ephone") target.phone.registeredAt = status === "registered" ? now : null;
    this.events.devices.add({
      protocol: target.kind === "ephone" ? "sccp" : "sip",
      deviceTag: phone.tag,
      deviceName: deviceName(phone.type, phone.mac),
      type: "Device",
      status: status === "registered" ? "registered" : "unregistered",
    });
    this.refreshExtensions();
    this.notePeak();
  }

  private notePeak(): void {
    const registered = this.registeredCount();
    if (registered > this.peakRegistered) {
      this.peakRegistered = registered;
      this.peakRegisteredAt = this.clock();
    }
  }
}
