// StateInfo: the opaque string RisPort hands back with every reply. It keeps Cisco's shape (a
// StateInfo element with one Node per CUCM node, SubsystemStartTime and StateId) and adds a Query
// fingerprint, so a StateInfo only means "no change" for the identical query it came from.
import { createHash } from "node:crypto";
import { XMLParser } from "fast-xml-parser";
import { escapeXml } from "./xml";

export interface NodeStateInfo {
  name: string;
  subsystemStartTime: number;
  stateId: number;
  totalItemsFound: number;
  totalItemsReturned: number;
}

export interface DecodedStateInfo {
  query: string;
  nodes: Map<string, { subsystemStartTime: number; stateId: number }>;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseAttributeValue: false,
  removeNSPrefix: true,
  isArray: (name) => name === "Node",
});

/** A short fingerprint of the method and its criteria: "identical query" in the seed's words. */
export function queryFingerprint(method: string, criteria: unknown): string {
  return createHash("sha1").update(method).update(JSON.stringify(criteria)).digest("base64url").slice(0, 22);
}

export function encodeStateInfo(query: string, nodes: readonly NodeStateInfo[]): string {
  const nodeXml = nodes
    .map(
      (node) =>
        `<Node Name="${escapeXml(node.name)}" SubsystemStartTime="${node.subsystemStartTime}"` +
        ` StateId="${node.stateId}" TotalItemsFound="${node.totalItemsFound}" TotalItemsReturned="${node.totalItemsReturned}"/>`,
    )
    .join("");
  return `<StateInfo ClusterWide="1" Query="${query}">${nodeXml}</StateInfo>`;
}

/**
 * Reads a StateInfo sent back by a client: normally escaped text, but a client may also embed it
 * as raw XML (then it arrives already parsed). Anything unreadable counts as no StateInfo.
 */
export function decodeStateInfo(raw: unknown): DecodedStateInfo | undefined {
  let document: unknown = raw;
  if (typeof raw === "string") {
    if (raw.trim() === "") return undefined;
    try {
      document = parser.parse(raw);
    } catch {
      return undefined;
    }
  }
  const root = (document as Record<string, unknown> | undefined)?.StateInfo as Record<string, unknown> | undefined;
  if (!root || typeof root !== "object") return undefined;
  const query = root.Query ?? root["@_Query"];
  if (typeof query !== "string") return undefined;
  const nodes = new Map<string, { subsystemStartTime: number; stateId: number }>();
  const nodeList = Array.isArray(root.Node) ? root.Node : root.Node ? [root.Node] : [];
  for (const node of nodeList as Record<string, unknown>[]) {
    const name = node.Name ?? node["@_Name"];
    if (typeof name !== "string") continue;
    nodes.set(name.toLowerCase(), {
      subsystemStartTime: Number(node.SubsystemStartTime ?? node["@_SubsystemStartTime"]),
      stateId: Number(node.StateId ?? node["@_StateId"]),
    });
  }
  return { query, nodes };
}

/** True when the node's state is exactly what the earlier StateInfo recorded for it. */
export function nodeUnchanged(
  previous: DecodedStateInfo | undefined,
  query: string,
  node: { name: string; subsystemStartTime: number; stateId: number },
): boolean {
  if (!previous || previous.query !== query) return false;
  const recorded = previous.nodes.get(node.name.toLowerCase());
  return (
    recorded !== undefined &&
    recorded.subsystemStartTime === node.subsystemStartTime &&
    recorded.stateId === node.stateId
  );
}
