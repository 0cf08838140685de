// The demo's SRST branch: phones that live on the Unified CM cluster and fall back to the
// branch's SRST router when its WAN link goes down. The same MACs sit on both simulators; cutting
// the WAN unregisters them on the cluster and registers them on the router, restoring reverses it.
import type { CmeSimulator, ExplicitPhone } from "@/lib/simulators/cme";
import type { CucmSimulator, DeviceSpec } from "@/lib/simulators/cucm";

export const BRANCH = {
  site: "Manchester",
  routerName: "Demo SRST router Manchester",
  hostname: "man-srst",
  /** The branch's LAN: a site rule gives the cluster's copies of its phones this site. */
  subnet: "10.40.0.0/16",
} as const;

export interface BranchPhone {
  name: string;
  mac: string;
  dn: string;
  ip: string;
  description: string;
}

/** The branch's phones, the same on every start. */
export function branchPhones(count: number): BranchPhone[] {
  return Array.from({ length: count }, (_, i) => {
    const mac = `00AA4000${(0x10 + i).toString(16).toUpperCase().padStart(4, "0")}`;
    return { name: `SEP${mac}`, mac, dn: String(4600 + i), ip: `10.40.0.${20 + i}`, description: `MAN desk ${i + 1}` };
  });
}

/** How the router lists them: configured for fallback, unregistered while the WAN is up. */
export function routerFleet(phones: readonly BranchPhone[]): { phones: ExplicitPhone[] } {
  return {
    phones: phones.map((p) => ({
      mac: p.mac,
      type: "7965",
      protocol: "sccp",
      lines: [p.dn],
      description: p.description,
      status: "unregistered",
    })),
  };
}

/** How the cluster lists them: registered at home. */
export function clusterDevices(phones: readonly BranchPhone[]): DeviceSpec[] {
  return phones.map((p) => ({
    name: p.name,
    model: 436,
    protocol: "SCCP",
    description: p.description,
    lines: [p.dn],
    status: "Registered",
    ipv4: p.ip,
  }));
}

export type WanState = "up" | "cut";

export interface BranchControl {
  wan(): WanState;
  /** The branch loses its WAN: its phones drop off the cluster and register to the SRST router. */
  cut(): void;
  restore(): void;
}

export function branchControl(
  phones: readonly BranchPhone[],
  router: CmeSimulator,
  cluster: CucmSimulator,
): BranchControl {
  let state: WanState = "up";
  const set = (next: WanState) => {
    for (const phone of phones) {
      // 6 ConnectivityError: the cluster stopped hearing the phone's keepalives across the WAN.
      cluster.control.setDeviceStatus(
        phone.name,
        next === "cut" ? "UnRegistered" : "Registered",
        next === "cut" ? 6 : 0,
      );
      router.control.setPhoneStatus(phone.name, next === "cut" ? "registered" : "unregistered");
    }
    state = next;
  };
  return { wan: () => state, cut: () => set("cut"), restore: () => set("up") };
}
