// The simulated cluster's domain: devices with one current registration and stale copies left on
// other nodes by failovers, and CTI applications. Everything the replies render comes from here.
import type {
  CtiStatus,
  DeviceClass,
  DeviceProtocol,
  DownloadStatus,
  Httpd,
  IpAttribute,
  LineStatus,
  RegistrationStatus,
} from "./vocabulary";

export interface IpAddress {
  ip: string;
  type: "ipv4" | "ipv6";
  attribute: IpAttribute;
}

export interface Firmware {
  activeLoadId: string | null;
  inactiveLoadId: string | null;
  downloadStatus: DownloadStatus;
  downloadFailureReason: string | null;
  downloadServer: string | null;
}

/** A record a node keeps after the device left it: always UnRegistered and older than the current one. */
export interface StaleRegistration {
  node: string;
  timeStamp: number;
  statusReason: number;
  /** Rendered XML, built on first use. */
  xml?: string;
}

export interface SimDevice {
  name: string;
  deviceClass: Exclude<DeviceClass, "Any">;
  model: number;
  product: number;
  protocol: DeviceProtocol;
  description: string;
  httpd: Httpd;
  isCtiControllable: boolean;
  loginUserId: string | null;
  perfMonObject: number;
  dChannel: number;
  /** Directory numbers in line order; a gateway or trunk may have none. */
  lines: string[];
  lineStatuses: LineStatus[];
  addresses: IpAddress[];
  firmware: Firmware;
  /** The node holding the current (newest) registration record. */
  node: string;
  status: RegistrationStatus;
  statusReason: number;
  /** Epoch seconds of the last state change, as RisPort's TimeStamp. */
  timeStamp: number;
  registrationAttempts: number;
  staleRegistrations: StaleRegistration[];
  /** Insertion sequence: the order replies list devices in (not sorted by name, like the real server). */
  sequence: number;
  /** Rendered XML of the current record, dropped whenever the device changes. */
  xml?: string;
  /** Configuration only AXL sees: device pool, location and owner user id (null when none). */
  devicePool: string;
  location: string;
  owner: string | null;
  /** Configured but never registered: AXL lists it, RisPort never reports it. */
  configuredOnly: boolean;
}

export interface CtiLine {
  dirNumber: string;
  status: CtiStatus;
  statusReason: number;
  timeStamp: number;
}

export interface CtiDevice {
  deviceName: string;
  appControlsMedia: boolean;
  status: CtiStatus;
  statusReason: number | null;
  timeStamp: number | null;
  lines: CtiLine[];
}

export interface CtiApplication {
  appId: string;
  userId: string;
  ipv4: string;
  ipv6: string | null;
  node: string;
  status: CtiStatus;
  statusReason: number;
  timeStamp: number;
  devices: CtiDevice[];
}

export interface ClusterNode {
  name: string;
  /** Epoch seconds when the node's RIS subsystem (re)started; changes invalidate StateInfo. */
  subsystemStartTime: number;
  /** Bumped on every device change on the node; the StateId RisPort hands out. */
  deviceStateId: number;
  ctiStateId: number;
  /** The CallManager service does not answer: RisPort reports NodeNotResponding for it. */
  down: boolean;
  /** The node's HTTP listener drops connections, like a host that is off the network. */
  unreachable: boolean;
}
