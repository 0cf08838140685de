// An in-memory RisPort for planner unit tests: nodes filled in order up to the cap (silently),
// stale copies on other nodes, per-node StateInfo/NoChange, Ext without wildcards, NodeName,
// nodes going down and injected faults. No XML, no HTTP: the client's own tests cover those.
import { RateLimited, SoapFault } from "@/lib/soap/errors";
import { BudgetSpent } from "@/lib/risport/budget/budget";
import type { DeviceQueryResult, QueryOptions } from "@/lib/risport/client/client";
import { mergeDeviceRecords } from "@/lib/risport/sweep/merge";
import { describeModel } from "@/lib/risport/client/models";
import type { CmSelectionCriteria } from "@/lib/risport/client/requests";
import { describeStatusReason } from "@/lib/risport/client/status-reasons";
import type { SweepClient } from "@/lib/risport/sweep/query";
import type { ClusterDevice, NodeOutcome } from "@/lib/risport/types";

type FailureKind = "rate-control" | "fault" | "budget-spent";
type FakeDevice = { name: string; node: string; timeStamp: number; registered: boolean; staleOn: string[] };

export function fakeRecord(name: string, node: string, timeStamp: number, registered = true): ClusterDevice {
  return {
    name,
    description: null,
    model: describeModel(683),
    product: 683,
    boxProduct: false,
    deviceClass: "Phone",
    protocol: "SIP",
    registrationStatus: registered ? "Registered" : "UnRegistered",
    statusReason: describeStatusReason(registered ? 0 : 13),
    node,
    lines: [],
    addresses: [],
    firmware: {
      active: null,
      inactive: null,
      downloadStatus: "Unknown",
      downloadFailureReason: null,
      downloadServer: null,
    },
    loginUserId: null,
    httpd: "Yes",
    registrationAttempts: 0,
    isCtiControllable: true,
    perfMonObject: 2,
    dChannel: 0,
    h323Trunk: null,
    timeStamp,
  };
}

export type FakeRisport = SweepClient & {
  devices: Map<string, FakeDevice>;
  nodes: { name: string; down: boolean; stateId: number }[];
  calls: { method: string; items: string[]; nodeName: string; stateInfo: string }[];
  add(name: string, node?: string, options?: { staleOn?: string[]; registered?: boolean }): void;
  remove(name: string): void;
  setStatus(name: string, registered: boolean): void;
  /** The next `count` requests fail with a RateControl fault / a SOAP fault. */
  failNext(count: number, kind: FailureKind): void;
};

export function createFakeRisport(options: { nodes: string[]; cap: number }): FakeRisport {
  const devices = new Map<string, FakeDevice>();
  const nodes = options.nodes.map((name) => ({ name, down: false, stateId: 1 }));
  const calls: FakeRisport["calls"] = [];
  let failures: { count: number; kind: FailureKind } = { count: 0, kind: "fault" };
  let clock = 1_736_150_000;
  const touch = (...names: string[]) =>
    nodes.filter((node) => names.includes(node.name)).forEach((node) => node.stateId++);

  function matcher(items: string[], wildcards: boolean): (name: string) => boolean {
    const exact = new Set<string>();
    const prefixes = new Set<string>();
    for (const item of items.map((value) => value.toUpperCase())) {
      if (wildcards && item.endsWith("*")) prefixes.add(item.slice(0, -1));
      else exact.add(item);
    }
    return (name) => {
      const upper = name.toUpperCase();
      if (exact.has(upper)) return true;
      for (let length = 0; length <= upper.length; length++) if (prefixes.has(upper.slice(0, length))) return true;
      return false;
    };
  }

  function select(
    method: "selectCmDevice" | "selectCmDeviceExt",
    criteria: CmSelectionCriteria,
    query: QueryOptions = {},
  ): DeviceQueryResult {
    const items = criteria.selectItems ?? [];
    const nodeName = criteria.nodeName ?? "";
    calls.push({ method, items, nodeName, stateInfo: query.stateInfo ?? "" });
    if (failures.count > 0 && failures.kind === "budget-spent") {
      failures.count--;
      throw new BudgetSpent(Date.now() + 60_000, Date.now(), false); // nothing sent
    }
    query.onAttempt?.("fake");
    if (failures.count > 0) {
      failures.count--;
      if (failures.kind === "rate-control") throw new RateLimited("RateControl");
      throw new SoapFault("soapenv:Server", "injected fault");
    }
    const fingerprint = `${method}|${nodeName}|${items.join(",")}`;
    const previous = query.stateInfo
      ? (JSON.parse(query.stateInfo) as { q: string; n: Record<string, number> })
      : undefined;
    const ext = method === "selectCmDeviceExt";
    const matches = matcher(items, !ext);
    let remaining = Math.min(criteria.maxReturnedDevices ?? options.cap, options.cap);
    const outcomes: NodeOutcome[] = [];
    const records: ClusterDevice[] = [];
    const state: Record<string, number> = {};
    for (const node of nodes) {
      if (nodeName && nodeName.toLowerCase() !== node.name.toLowerCase()) continue;
      if (node.down) {
        outcomes.push({ node: node.name, returnCode: "NodeNotResponding", noChange: false, records: 0 });
        continue;
      }
      state[node.name] = node.stateId;
      if (previous?.q === fingerprint && previous.n[node.name] === node.stateId) {
        outcomes.push({ node: node.name, returnCode: "Ok", noChange: true, records: 0 });
        continue;
      }
      const mine: ClusterDevice[] = [];
      for (const device of devices.values()) {
        if (mine.length >= remaining || !matches(device.name)) continue;
        if (device.node === node.name)
          mine.push(fakeRecord(device.name, node.name, device.timeStamp, device.registered));
        else if (!ext && device.staleOn.includes(node.name) && mine.length < remaining)
          mine.push(fakeRecord(device.name, node.name, device.timeStamp - 100, false));
      }
      remaining -= mine.length;
      records.push(...mine);
      outcomes.push({
        node: node.name,
        returnCode: mine.length === 0 && remaining > 0 ? "NotFound" : "Ok",
        noChange: false,
        records: mine.length,
      });
    }
    const answering = outcomes.filter((outcome) => outcome.returnCode !== "NodeNotResponding");
    return {
      devices: mergeDeviceRecords(records),
      records,
      nodes: outcomes,
      answeredBy: "fake",
      totalFound: records.length,
      noChange: answering.length > 0 && answering.every((outcome) => outcome.noChange),
      stateInfo: JSON.stringify({ q: fingerprint, n: state }),
      truncated: records.length >= Math.min(criteria.maxReturnedDevices ?? options.cap, options.cap),
    };
  }

  return {
    replyCap: options.cap,
    devices,
    nodes,
    calls,
    selectCmDevice: async (criteria, query) => select("selectCmDevice", criteria, query),
    selectCmDeviceExt: async (criteria, query) => select("selectCmDeviceExt", criteria, query),
    add(name, node = nodes[devices.size % nodes.length]?.name ?? "cucm1", extra = {}) {
      devices.set(name.toUpperCase(), {
        name,
        node,
        timeStamp: ++clock,
        registered: extra.registered ?? true,
        staleOn: extra.staleOn ?? [],
      });
      touch(node, ...(extra.staleOn ?? []));
    },
    remove(name) {
      const device = devices.get(name.toUpperCase());
      if (!device) return;
      devices.delete(name.toUpperCase());
      touch(device.node, ...device.staleOn);
    },
    setStatus(name, registered) {
      const device = devices.get(name.toUpperCase());
      if (!device) return;
      device.registered = registered;
      device.timeStamp = ++clock;
      touch(device.node);
    },
    failNext(count, kind) {
      failures = { count, kind };
    },
  };
}
