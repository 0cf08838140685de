// selectCtiItem: CTI applications per node, as one item per application (Provider), per controlled
// device (Device) or per controlled line (Line). Status filters the level the class asks about;
// DirNumbers only narrows Line queries, as the seed notes.
import { itemMatcher } from "./patterns";
import type { CtiSelectionCriteria } from "./request";
import { replyLimit, targetNodes, type SelectionSettings } from "./select-cm-device";
import type { ClusterState } from "./state";
import { nodeUnchanged, queryFingerprint, type DecodedStateInfo, type NodeStateInfo } from "./state-info";
import type { CtiApplication, CtiDevice, CtiLine } from "./types";
import type { ReturnCode } from "./vocabulary";

export interface CtiItem {
  application: CtiApplication;
  device?: CtiDevice;
  line?: CtiLine;
}

export interface CtiNodeSelection {
  name: string;
  returnCode: ReturnCode;
  noChange: boolean;
  items: CtiItem[];
}

export interface CtiSelection {
  nodes: CtiNodeSelection[];
  total: number;
  stateNodes: NodeStateInfo[];
  query: string;
}

function applicationField(application: CtiApplication, selectAppBy: CtiSelectionCriteria["selectAppBy"]): string {
  switch (selectAppBy) {
    case "AppId":
      return application.appId;
    case "AppIPV4Address":
      return application.ipv4;
    case "AppIPV6Address":
      return application.ipv6 ?? "";
    case "UserId":
      return application.userId;
  }
}

/** Every item one application contributes to the query, before the cap. */
function itemsOf(application: CtiApplication, criteria: CtiSelectionCriteria): CtiItem[] {
  const statusOk = (status: string): boolean => criteria.status === "Any" || status === criteria.status;
  if (criteria.ctiMgrClass === "Provider") return statusOk(application.status) ? [{ application }] : [];
  // Empty lists narrow nothing: a query may select by application alone.
  const deviceMatcher = itemMatcher(criteria.devNames, true);
  const lineMatcher = itemMatcher(criteria.dirNumbers, true);
  const items: CtiItem[] = [];
  for (const device of application.devices) {
    if (criteria.devNames.length > 0 && !deviceMatcher.test(device.deviceName)) continue;
    if (criteria.ctiMgrClass === "Device") {
      if (statusOk(device.status)) items.push({ application, device });
      continue;
    }
    for (const line of device.lines) {
      if (criteria.dirNumbers.length > 0 && !lineMatcher.test(line.dirNumber)) continue;
      if (statusOk(line.status)) items.push({ application, device, line });
    }
  }
  return items;
}

export function selectCtiItems(
  state: ClusterState,
  criteria: CtiSelectionCriteria,
  previous: DecodedStateInfo | undefined,
  settings: SelectionSettings,
): CtiSelection {
  const query = queryFingerprint("selectCtiItem", criteria);
  const targets = targetNodes(state, criteria.nodeName);
  if (!targets) {
    return {
      nodes: [{ name: criteria.nodeName, returnCode: "InvalidNodeName", noChange: false, items: [] }],
      total: 0,
      stateNodes: [],
      query,
    };
  }
  const appMatcher = itemMatcher(criteria.appItems, true);
  const answering = targets.filter((node) => !node.down);
  const unchanged = new Set(
    answering
      .filter((node) =>
        nodeUnchanged(previous, query, {
          name: node.name,
          subsystemStartTime: node.subsystemStartTime,
          stateId: node.ctiStateId,
        }),
      )
      .map((node) => node.name),
  );
  if (settings.noChangeScope === "cluster" && unchanged.size !== answering.length) unchanged.clear();

  let remaining = replyLimit(criteria.maxReturnedItems, settings.replyCap);
  const nodes: CtiNodeSelection[] = [];
  const stateNodes: NodeStateInfo[] = [];
  for (const node of targets) {
    if (node.down) {
      nodes.push({ name: node.name, returnCode: "NodeNotResponding", noChange: false, items: [] });
      continue;
    }
    const noChange = unchanged.has(node.name);
    const items: CtiItem[] = [];
    if (!noChange && remaining > 0) {
      for (const application of state.ctiApplications) {
        if (application.node !== node.name) continue;
        if (criteria.appItems.length > 0 && !appMatcher.test(applicationField(application, criteria.selectAppBy)))
          continue;
        for (const item of itemsOf(application, criteria)) if (items.length < remaining) items.push(item);
        if (items.length >= remaining) break;
      }
      remaining -= items.length;
    }
    const returnCode: ReturnCode = items.length === 0 && !noChange && remaining > 0 ? "NotFound" : "Ok";
    nodes.push({ name: node.name, returnCode, noChange, items });
    stateNodes.push({
      name: node.name,
      subsystemStartTime: node.subsystemStartTime,
      stateId: node.ctiStateId,
      totalItemsFound: items.length,
      totalItemsReturned: items.length,
    });
  }
  return { nodes, total: nodes.reduce((sum, node) => sum + node.items.length, 0), stateNodes, query };
}
