// selectCmDevice and selectCmDeviceExt: which records each node reports for a query. Nodes are
// filled in order until the reply cap is reached, and nothing in the reply says it was cut.
// selectCmDevice also reports stale copies failovers left behind; Ext reports only the newest record.
import { itemMatcher, type ItemMatcher } from "./patterns";
import type { CmSelectionCriteria } from "./request";
import type { ClusterState, NodeEntry } from "./state";
import { nodeUnchanged, queryFingerprint, type DecodedStateInfo, type NodeStateInfo } from "./state-info";
import type { ClusterNode, SimDevice } from "./types";
import type { RegistrationStatus, ReturnCode, SelectBy } from "./vocabulary";

export interface NodeSelection {
  name: string;
  returnCode: ReturnCode;
  noChange: boolean;
  entries: NodeEntry[];
}

export interface Selection {
  nodes: NodeSelection[];
  total: number;
  stateNodes: NodeStateInfo[];
  query: string;
}

export interface SelectionSettings {
  replyCap: number;
  /** Absent or "case-insensitive": CUCM's usual upper-case comparison. */
  nameMatching?: "case-insensitive" | "case-sensitive";
  /** "node": each node compares its own state; "cluster": any change anywhere sends everything. */
  noChangeScope: "node" | "cluster";
}

/** Target nodes of a query: all of them for an empty NodeName, else the named one (or none). */
export function targetNodes(state: ClusterState, nodeName: string): ClusterNode[] | undefined {
  if (nodeName === "") return state.nodes;
  const node = state.node(nodeName);
  return node ? [node] : undefined;
}

/** MaxReturnedDevices clamped to the configured cap; 0 or absent means "as many as allowed". */
export function replyLimit(requested: number | undefined, replyCap: number): number {
  return requested === undefined || requested === 0 ? replyCap : Math.min(requested, replyCap);
}

function entryStatus(entry: NodeEntry): RegistrationStatus {
  return entry.stale ? "UnRegistered" : entry.device.status;
}

function selectedBy(selectBy: SelectBy, matcher: ItemMatcher, entry: NodeEntry): boolean {
  const device = entry.device;
  switch (selectBy) {
    case "Name":
      return matcher.test(device.name);
    case "Description":
      return matcher.test(device.description);
    case "DirNumber":
      return device.lines.some((line) => matcher.test(line));
    case "IPV4Address":
      return device.addresses.some((address) => address.type === "ipv4" && matcher.test(address.ip));
    case "IPV6Address":
      return device.addresses.some((address) => address.type === "ipv6" && matcher.test(address.ip));
    // Not in the WSDL: read as "SIP devices whose registration status is one of the items".
    case "SIPStatus":
      return device.protocol === "SIP" && matcher.test(entryStatus(entry));
  }
}

function passesFilters(criteria: CmSelectionCriteria, entry: NodeEntry): boolean {
  const device = entry.device;
  return (
    (criteria.deviceClass === "Any" || device.deviceClass === criteria.deviceClass) &&
    (criteria.model === 255 || device.model === criteria.model) &&
    (criteria.status === "Any" || entryStatus(entry) === criteria.status) &&
    (criteria.protocol === "Any" || device.protocol === criteria.protocol) &&
    (criteria.downloadStatus === "Any" || device.firmware.downloadStatus === criteria.downloadStatus)
  );
}

/** Records `node` holds for the named devices, in request order (the fast path for name lists). */
function entriesByName(
  state: ClusterState,
  names: ReadonlySet<string>,
  node: string,
  withStale: boolean,
  caseSensitive: boolean,
): NodeEntry[] {
  const entries: NodeEntry[] = [];
  for (const name of names) {
    const device: SimDevice | undefined = state.device(name);
    if (!device || device.configuredOnly || (caseSensitive && device.name !== name)) continue;
    if (device.node === node) entries.push({ device });
    if (withStale)
      for (const stale of device.staleRegistrations) if (stale.node === node) entries.push({ device, stale });
  }
  return entries;
}

export function selectCmDevices(
  state: ClusterState,
  method: "selectCmDevice" | "selectCmDeviceExt",
  criteria: CmSelectionCriteria,
  previous: DecodedStateInfo | undefined,
  settings: SelectionSettings,
): Selection {
  const query = queryFingerprint(method, criteria);
  const targets = targetNodes(state, criteria.nodeName);
  if (!targets) {
    return {
      nodes: [{ name: criteria.nodeName, returnCode: "InvalidNodeName", noChange: false, entries: [] }],
      total: 0,
      stateNodes: [],
      query,
    };
  }
  const withStale = method === "selectCmDevice";
  const caseSensitive = settings.nameMatching === "case-sensitive";
  const matcher = itemMatcher(criteria.selectItems, withStale, caseSensitive);
  const byNameList = criteria.selectBy === "Name" && !matcher.hasWildcards;
  const answering = targets.filter((node) => !node.down);
  const unchanged = new Set(
    answering
      .filter((node) =>
        nodeUnchanged(previous, query, {
          name: node.name,
          subsystemStartTime: node.subsystemStartTime,
          stateId: node.deviceStateId,
        }),
      )
      .map((node) => node.name),
  );
  if (settings.noChangeScope === "cluster" && unchanged.size !== answering.length) unchanged.clear();

  let remaining = replyLimit(criteria.maxReturnedDevices, settings.replyCap);
  const nodes: NodeSelection[] = [];
  const stateNodes: NodeStateInfo[] = [];
  for (const node of targets) {
    if (node.down) {
      nodes.push({ name: node.name, returnCode: "NodeNotResponding", noChange: false, entries: [] });
      continue;
    }
    const noChange = unchanged.has(node.name);
    const entries: NodeEntry[] = [];
    if (!noChange && remaining > 0 && criteria.selectItems.length > 0) {
      const candidates = byNameList
        ? entriesByName(state, matcher.literals, node.name, withStale, caseSensitive)
        : state.listing(node.name);
      for (const entry of candidates) {
        if (entries.length >= remaining) break;
        if (!withStale && entry.stale) continue;
        if ((byNameList || selectedBy(criteria.selectBy, matcher, entry)) && passesFilters(criteria, entry))
          entries.push(entry);
      }
      remaining -= entries.length;
    }
    const returnCode: ReturnCode = entries.length === 0 && !noChange && remaining > 0 ? "NotFound" : "Ok";
    nodes.push({ name: node.name, returnCode, noChange, entries });
    // TotalItemsFound repeats what was returned: the truncation stays silent here too.
    stateNodes.push({
      name: node.name,
      subsystemStartTime: node.subsystemStartTime,
      stateId: node.deviceStateId,
      totalItemsFound: entries.length,
      totalItemsReturned: entries.length,
    });
  }
  return { nodes, total: nodes.reduce((sum, node) => sum + node.entries.length, 0), stateNodes, query };
}
