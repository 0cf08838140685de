// The demo cluster's ordinary noise: each tick a small share of its registered phones drops off
// (keepalive timeouts), and the phones dropped a few ticks before register again, so a demo left
// running keeps the share it started with. Setting a random share to UnRegistered two ticks in
// three and to Registered the third drifted it from 86% to 79% in 40 minutes, heading for a third.
import type { CucmControl } from "@/lib/simulators/cucm";
import { randomFromState } from "@/lib/simulators/shared/random";

export interface ClusterChurnOptions {
  /** 0..1 of the registered phones that drop each tick. */
  share: number;
  /** Ticks until a dropped phone registers again. */
  returnAfterTicks: number;
  /** Devices churn leaves alone (the SRST branch's phones, which follow its WAN). */
  exclude: ReadonlySet<string>;
  seed: number;
}

export interface ClusterChurn {
  /** One tick; returns the devices that came back and those that dropped. */
  tick(): { returned: string[]; dropped: string[] };
}

/** 13 "Keep-alive timeout" in RisPort's StatusReason: how an idle phone usually drops. */
const KEEPALIVE_TIMEOUT = 13;

export function clusterChurn(control: CucmControl, options: ClusterChurnOptions): ClusterChurn {
  const random = randomFromState(options.seed);
  const down: string[][] = [];
  return {
    tick() {
      const returned: string[] = [];
      while (down.length >= Math.max(1, options.returnAfterTicks)) {
        for (const name of down.shift() ?? []) {
          const device = control.device(name);
          // A phone someone changed meanwhile (removed, registered again) is left as it is.
          if (!device || device.status === "Registered") continue;
          control.setDeviceStatus(name, "Registered", 0);
          returned.push(name);
        }
      }
      const held = new Set(down.flat());
      const up = control.deviceNames().filter((name) => {
        if (options.exclude.has(name) || held.has(name)) return false;
        const device = control.device(name);
        return device?.deviceClass === "Phone" && device.status === "Registered";
      });
      const count = Math.round(up.length * options.share);
      const dropped: string[] = [];
      for (let i = 0; i < count && up.length > 0; i++) {
        const [name] = up.splice(random.int(0, up.length - 1), 1);
        if (!name) break;
        control.setDeviceStatus(name, "UnRegistered", KEEPALIVE_TIMEOUT);
        dropped.push(name);
      }
      down.push(dropped);
      return { returned, dropped };
    },
  };
}
