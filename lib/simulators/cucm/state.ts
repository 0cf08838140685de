// The one cluster state every node answers from: devices indexed by name, per-node listings,
// CTI applications and the per-node change counters StateInfo is built on. Every mutation goes
// through here so counters and the rendered-XML cache can never disagree with the data.
import type { SimulatorClock } from "./clock";
import { buildDevice, defaultStatusReason, lineStatusesFor, type DeviceSpec } from "./device-spec";
import { seededRandom } from "./random";
import type { ClusterNode, CtiApplication, SimDevice, StaleRegistration } from "./types";
import type { CtiStatus, RegistrationStatus } from "./vocabulary";

/** One record a node reports: the device's current registration, or a stale copy it still holds. */
export interface NodeEntry {
  device: SimDevice;
  stale?: StaleRegistration;
}

export class ClusterState {
  readonly nodes: ClusterNode[];
  ctiApplications: CtiApplication[] = [];
  private readonly nodesByName = new Map<string, ClusterNode>();
  private readonly devicesByName = new Map<string, SimDevice>();
  private listings: Map<string, NodeEntry[]> | undefined;
  private nextSequence = 0;

  constructor(
    nodeNames: readonly string[],
    private readonly clock: SimulatorClock,
  ) {
    const startedAt = clock.nowSeconds() - 30 * 86_400;
    this.nodes = nodeNames.map((name, index) => ({
      name,
      subsystemStartTime: startedAt + index * 7,
      deviceStateId: 1,
      ctiStateId: 1,
      down: false,
      unreachable: false,
    }));
    for (const node of this.nodes) this.nodesByName.set(node.name.toLowerCase(), node);
  }

  node(name: string): ClusterNode | undefined {
    return this.nodesByName.get(name.toLowerCase());
  }

  requireNode(name: string): ClusterNode {
    const node = this.node(name);
    if (!node) throw new Error(`unknown node ${name}`);
    return node;
  }

  /** Device names are matched case-insensitively, as CUCM stores them upper-case. */
  device(name: string): SimDevice | undefined {
    return this.devicesByName.get(name.toUpperCase());
  }

  devices(): IterableIterator<SimDevice> {
    return this.devicesByName.values();
  }

  get deviceCount(): number {
    return this.devicesByName.size;
  }

  /** Records a node reports, in registration order; rebuilt only after devices move, come or go. */
  listing(nodeName: string): readonly NodeEntry[] {
    if (!this.listings) {
      const listings = new Map<string, NodeEntry[]>(this.nodes.map((node) => [node.name, []]));
      for (const device of this.devicesByName.values()) {
        if (device.configuredOnly) continue;
        listings.get(device.node)?.push({ device });
        for (const stale of device.staleRegistrations) listings.get(stale.node)?.push({ device, stale });
      }
      this.listings = listings;
    }
    return this.listings.get(nodeName) ?? [];
  }

  /** Adds a device, replacing any device of the same name. */
  addDevice(spec: DeviceSpec): SimDevice {
    this.removeDevice(spec.name);
    const device = buildDevice(spec, {
      nodeNames: this.nodes.map((node) => node.name),
      nowSeconds: this.clock.nowSeconds(),
      sequence: this.nextSequence++,
    });
    const home = this.node(device.node);
    if (!home) throw new Error(`device ${device.name}: unknown node ${device.node}`);
    device.node = home.name;
    device.staleRegistrations = device.staleRegistrations.filter((stale) => this.node(stale.node));
    for (const stale of device.staleRegistrations) stale.node = this.requireNode(stale.node).name;
    this.devicesByName.set(device.name.toUpperCase(), device);
    this.membershipChanged(device);
    return device;
  }

  removeDevice(name: string): boolean {
    const device = this.device(name);
    if (!device) return false;
    this.devicesByName.delete(name.toUpperCase());
    this.membershipChanged(device);
    return true;
  }

  /** RisPort stops reporting the device (a CallManager restart forgets an unregistered phone); AXL still lists it. */
  forgetRegistration(name: string): boolean {
    const device = this.device(name);
    if (!device || device.configuredOnly) return false;
    this.membershipChanged(device);
    device.configuredOnly = true;
    this.listings = undefined;
    return true;
  }

  setStatus(name: string, status: RegistrationStatus, statusReason?: number): SimDevice {
    const device = this.device(name);
    if (!device) throw new Error(`unknown device ${name}`);
    device.status = status;
    device.statusReason = statusReason ?? defaultStatusReason(status, device.protocol);
    device.lineStatuses = lineStatusesFor(status, device.lines.length);
    device.timeStamp = Math.max(this.clock.nowSeconds(), device.timeStamp + 1);
    if (status !== "Registered") device.registrationAttempts += 1;
    device.xml = undefined;
    this.requireNode(device.node).deviceStateId++;
    return device;
  }

  /**
   * Moves a device's registration to another node, as a failover does: the old node keeps an
   * UnRegistered copy with the older TimeStamp, the new node holds the current record.
   */
  failover(name: string, toNode: string): SimDevice {
    const device = this.device(name);
    if (!device) throw new Error(`unknown device ${name}`);
    const target = this.requireNode(toNode);
    if (device.node === target.name) return device;
    const now = Math.max(this.clock.nowSeconds(), device.timeStamp + 2);
    device.staleRegistrations = device.staleRegistrations.filter((stale) => stale.node !== target.name);
    device.staleRegistrations.push({ node: device.node, timeStamp: now - 1, statusReason: 13 });
    this.requireNode(device.node).deviceStateId++;
    device.node = target.name;
    device.status = "Registered";
    device.statusReason = 0;
    device.lineStatuses = lineStatusesFor("Registered", device.lines.length);
    device.timeStamp = now;
    device.xml = undefined;
    target.deviceStateId++;
    this.listings = undefined;
    return device;
  }

  setNodeDown(name: string, down: boolean): void {
    const node = this.requireNode(name);
    // Coming back is a restart of the node's RIS subsystem: old StateInfo no longer applies.
    if (node.down && !down) node.subsystemStartTime = Math.max(this.clock.nowSeconds(), node.subsystemStartTime + 1);
    node.down = down;
  }

  setNodeReachable(name: string, reachable: boolean): void {
    this.requireNode(name).unreachable = !reachable;
  }

  setCtiApplicationStatus(appId: string, status: CtiStatus): CtiApplication {
    const application = this.ctiApplications.find((candidate) => candidate.appId === appId);
    if (!application) throw new Error(`unknown CTI application ${appId}`);
    const now = this.clock.nowSeconds();
    application.status = status;
    application.statusReason = status === "Open" ? 0 : status === "Closed" ? 2 : 4;
    application.timeStamp = now;
    for (const device of application.devices) {
      const deviceStatus: CtiStatus = status === "Open" ? "Open" : "Closed";
      device.status = deviceStatus;
      device.statusReason = deviceStatus === "Open" ? null : 2;
      device.timeStamp = deviceStatus === "Open" ? null : now;
      for (const line of device.lines)
        Object.assign(line, { status: deviceStatus, statusReason: deviceStatus === "Open" ? 0 : 2, timeStamp: now });
    }
    this.requireNode(application.node).ctiStateId++;
    return application;
  }

  /** A deterministic share of the devices passing `filter`: the same seed picks the same devices. */
  pickShare(share: number, seed: number | string, filter: (device: SimDevice) => boolean = () => true): SimDevice[] {
    const eligible = [...this.devicesByName.values()].filter((device) => !device.configuredOnly && filter(device));
    const count = Math.min(eligible.length, Math.round(Math.max(0, Math.min(1, share)) * eligible.length));
    const random = seededRandom(`share:${seed}`);
    for (let index = 0; index < count; index++) {
      const swap = random.int(index, eligible.length - 1);
      [eligible[index], eligible[swap]] = [eligible[swap] as SimDevice, eligible[index] as SimDevice];
    }
    return eligible.slice(0, count);
  }

  private membershipChanged(device: SimDevice): void {
    this.listings = undefined;
    if (device.configuredOnly) return;
    for (const nodeName of [device.node, ...device.staleRegistrations.map((stale) => stale.node)]) {
      const node = this.node(nodeName);
      if (node) node.deviceStateId++;
    }
  }
}
