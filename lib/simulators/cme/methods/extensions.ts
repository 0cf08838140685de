// ISgetExtension: SCCP numbers (ephone-dn) by tag, number or keyword; SIP numbers (voice register
// dn) by tag, number, all or available. Fields follow the seed's SCCP and SIP examples.
import { splitName, type EphoneDn, type VoiceRegisterDn } from "../model";
import { branch, leaf, type MethodReply } from "../replies";
import { RequestFault, type RequestParam } from "../request";
import { OrderedSet, nextFreeTag, sortedByTag, tagValue, type MethodContext, type MethodHandler } from "./context";

const SCCP_KEYWORDS = ["all", "allUp", "allDown", "allTag"] as const;
type SccpKeyword = (typeof SCCP_KEYWORDS)[number];

type ExtensionEntry =
  | { kind: "ephoneDn"; dn: EphoneDn }
  | { kind: "ephoneDnTag"; tag: number }
  | { kind: "voiceRegisterDn"; dn: VoiceRegisterDn }
  | { kind: "availableVoiceRegisterDn"; tag: number }
  | { kind: "voiceRegisterDnTag"; tag: number };

export const getExtension: MethodHandler = (params, context) => selectExtensions(params, context, "ISgetExtension");

/** The newer guide's SIP getter: voice register dns by ISVoiceRegDNID, ISVoiceRegNumber or ISKeyword. */
export const getSipExtension: MethodHandler = (params, context) => {
  if (context.dialect === "2008") throw new RequestFault("unknown method ISgetSipExtension");
  return selectExtensions(params, context, "ISgetSipExtension");
};

function selectExtensions(
  params: readonly RequestParam[],
  context: MethodContext,
  method: "ISgetExtension" | "ISgetSipExtension",
): MethodReply {
  const { config } = context.state;
  const entries = new OrderedSet<ExtensionEntry>();
  let answersAll = false;
  const addDn = (dn: EphoneDn) => entries.add(`e${dn.tag}`, { kind: "ephoneDn", dn });
  const addSipDn = (dn: VoiceRegisterDn) => entries.add(`v${dn.tag}`, { kind: "voiceRegisterDn", dn });
  const addSccpKeyword = (keyword: SccpKeyword) => {
    for (const dn of sortedByTag(config.ephoneDns.values())) {
      if (keyword === "all") answersAll = true;
      if (keyword === "allTag") entries.add(`t${dn.tag}`, { kind: "ephoneDnTag", tag: dn.tag });
      else if (keyword === "all" || (keyword === "allUp" && dn.up) || (keyword === "allDown" && !dn.up)) addDn(dn);
    }
  };
  // The seed's text and example disagree on which SIP element takes keywords and which takes a
  // number, so both ISVoiceRegDNName and ISVoiceRegNumber accept either.
  const sipHere = method === "ISgetSipExtension" || context.dialect === "2008";
  // The newer guide lists no SIP selector in ISgetExtension: a router ignores them or faults.
  const sipSelectorInSccpMethod = (name: string) => {
    if (context.behaviour.sipInSccpMethods === "fault")
      throw new RequestFault(`unexpected element ${name} in ISgetExtension`);
  };
  const addSipSelector = (value: string) => {
    if (value === "all") answersAll = true;
    if (value === "allTag" && method === "ISgetSipExtension") {
      for (const dn of sortedByTag(config.voiceRegisterDns.values()))
        entries.add(`w${dn.tag}`, { kind: "voiceRegisterDnTag", tag: dn.tag });
    } else if (value === "all") sortedByTag(config.voiceRegisterDns.values()).forEach(addSipDn);
    else if (value === "available") {
      const tag = nextFreeTag(config.voiceRegisterDns);
      entries.add(`a${tag}`, { kind: "availableVoiceRegisterDn", tag });
    } else for (const dn of sortedByTag(config.voiceRegisterDns.values())) if (dn.number === value) addSipDn(dn);
  };

  for (const param of params) {
    const value = param.value.trim();
    switch (param.name) {
      case "ISExtID": {
        const dn = config.ephoneDns.get(tagValue(param));
        if (dn) addDn(dn);
        break;
      }
      // biome-ignore lint/suspicious/noFallthroughSwitchClause: the SCCP keywords read the same in ISKeyword and ISExtNumber
      case "ISKeyword":
        if (method === "ISgetSipExtension") {
          if (!["all", "allTag", "available"].includes(value)) throw new RequestFault(`unknown ISKeyword ${value}`);
          addSipSelector(value);
          break;
        }
        if (value === "available" && !sipHere) {
          sipSelectorInSccpMethod("ISKeyword available");
          break;
        }
      // falls through: the SCCP keywords read the same in ISKeyword and ISExtNumber
      case "ISExtNumber":
        if (isSccpKeyword(value)) addSccpKeyword(value);
        else if (param.name === "ISKeyword" && value === "available") addSipSelector(value);
        else if (param.name === "ISKeyword") throw new RequestFault(`unknown ISKeyword ${value}`);
        else {
          for (const dn of sortedByTag(config.ephoneDns.values())) {
            if (dn.number === value || dn.secondaryNumber === value) addDn(dn);
          }
        }
        break;
      case "ISVoiceRegDNID": {
        if (!sipHere) {
          sipSelectorInSccpMethod(param.name);
          break;
        }
        const dn = config.voiceRegisterDns.get(tagValue(param));
        if (dn) addSipDn(dn);
        break;
      }
      case "ISVoiceRegDNName":
      case "ISVoiceRegNumber":
        if (!sipHere) sipSelectorInSccpMethod(param.name);
        else addSipSelector(value);
        break;
    }
  }
  return { ...extensionReply(entries.values(), context, method), answersAll };
}

function isSccpKeyword(value: string): value is SccpKeyword {
  return (SCCP_KEYWORDS as readonly string[]).includes(value);
}

/** Which phones carry each number, built once per reply so "all" stays linear in the fleet size. */
interface PhoneIndex {
  ephonesByDn: Map<number, number[]>;
  poolsByDn: Map<number, Array<{ tag: number; sessionServer: number }>>;
}

function indexPhones(context: MethodContext): PhoneIndex {
  const index: PhoneIndex = { ephonesByDn: new Map(), poolsByDn: new Map() };
  for (const phone of sortedByTag(context.state.config.ephones.values())) {
    for (const dnTag of new Set(phone.buttons.map((b) => b.dnTag))) {
      index.ephonesByDn.set(dnTag, [...(index.ephonesByDn.get(dnTag) ?? []), phone.tag]);
    }
  }
  for (const pool of sortedByTag(context.state.config.pools.values())) {
    for (const dnTag of new Set(pool.lines.map((l) => l.dnTag))) {
      index.poolsByDn.set(dnTag, [...(index.poolsByDn.get(dnTag) ?? []), pool]);
    }
  }
  return index;
}

function extensionReply(entries: ExtensionEntry[], context: MethodContext, method: string): MethodReply {
  const index = indexPhones(context);
  const fullEntities = entries.filter((entry) => entry.kind === "ephoneDn" || entry.kind === "voiceRegisterDn").length;
  const tagsOnly =
    entries.length > 0 && entries.every((entry) => entry.kind === "ephoneDnTag" || entry.kind === "voiceRegisterDnTag");
  if (tagsOnly && context.behaviour.tagListShape === "unexpected") {
    return {
      sections: [
        {
          elements: [
            branch(
              "ISTagList",
              entries.map((entry) => leaf("ISTag", (entry as { tag: number }).tag)),
            ),
          ],
        },
      ],
      fullEntities: 0,
    };
  }
  if (method === "ISgetSipExtension") {
    const elements = entries.map((entry) =>
      entry.kind === "voiceRegisterDn"
        ? renderNewerVoiceRegisterDn(entry.dn, context, index.poolsByDn.get(entry.dn.tag) ?? [])
        : branch("ISSipExtension", [leaf("ISVoiceRegDNID", (entry as { tag: number }).tag)]),
    );
    return { sections: [{ wrapper2010: "ISSipExtensions", elements }], fullEntities };
  }
  const elements = entries.map((entry) => renderEntry(entry, context, index));
  return { sections: [{ wrapper2010: "ISExtensions", elements }], fullEntities };
}

/** The newer guide's ISSipExtension: ISSessionServerIDs and ISSipDevList wrappers, firstName/lastName. */
function renderNewerVoiceRegisterDn(
  dn: VoiceRegisterDn,
  _context: MethodContext,
  pools: Array<{ tag: number; sessionServer: number }>,
): string {
  const { firstName, lastName } = splitName(dn.name);
  const servers = [...new Set(pools.map((pool) => pool.sessionServer))];
  return branch("ISSipExtension", [
    leaf("ISVoiceRegDNID", dn.tag),
    leaf("ISExtNumber", dn.number),
    servers.length > 0
      ? branch(
          "ISSessionServerIDs",
          servers.map((id) => leaf("ISSessionServerID", id)),
        )
      : "<ISSessionServerIDs></ISSessionServerIDs>",
    leaf("ISAllowWatch", dn.allowWatch),
    leaf("firstName", firstName),
    leaf("lastName", lastName),
    pools.length > 0
      ? branch(
          "ISSipDevList",
          pools.map((pool) => leaf("ISPoolID", pool.tag)),
        )
      : "<ISSipDevList></ISSipDevList>",
  ]);
}

function renderEntry(entry: ExtensionEntry, context: MethodContext, index: PhoneIndex): string {
  switch (entry.kind) {
    case "ephoneDn":
      return renderEphoneDn(entry.dn, context, index.ephonesByDn.get(entry.dn.tag) ?? []);
    case "ephoneDnTag":
      return branch("ISExtension", [leaf("ISExtID", entry.tag)]);
    case "voiceRegisterDn":
      return renderVoiceRegisterDn(entry.dn, context, index.poolsByDn.get(entry.dn.tag) ?? []);
    case "availableVoiceRegisterDn":
    case "voiceRegisterDnTag":
      return branch("ISExtension", [leaf("ISVoiceRegDNID", entry.tag)]);
  }
}

/** The seed writes <firstname>…</firstName>; the mismatched-close-tags quirk reproduces that. */
function nameElements(name: string, context: MethodContext): string[] {
  const { firstName, lastName } = splitName(name);
  const mismatched = context.quirks.has("mismatched-close-tags");
  return [
    leaf("firstname", firstName, mismatched ? "firstName" : "firstname"),
    leaf("lastname", lastName, mismatched ? "lastName" : "lastname"),
  ];
}

function renderEphoneDn(dn: EphoneDn, context: MethodContext, phoneTags: number[]): string {
  const { state } = context;
  return branch("ISExtension", [
    leaf("ISExtID", dn.tag),
    leaf("ISExtNumber", dn.number),
    leaf("ISExtSecNumber", dn.secondaryNumber),
    leaf("ISExtType", "normal"),
    leaf("ISExtStatus", dn.up ? "up" : "down"),
    leaf("ISExtChangeTime", state.uptimeSeconds(dn.changedAt)),
    leaf("ISExtUsage", 0),
    leaf("ISExtHomeAddress", "0.0.0.0"),
    // Read as "appears on more than one phone": the seed's example lists two phones and says 1.
    leaf("ISExtMultiLines", phoneTags.length > 1 ? 1 : 0),
    leaf("ISExtPortName", `EFXS 50/0/${dn.tag}`),
    leaf("ISExtLineMode", dn.lineMode),
    leaf("ISExtCallStatus", "IDLE"),
    leaf("ISAllowWatch", dn.allowWatch),
    ...nameElements(dn.name, context),
    leaf("callForwardAll", dn.callForwardAll),
    leaf("ISSessionServerID", 0),
    phoneTags.length > 0
      ? branch(
          "ISDevList",
          phoneTags.map((tag) => leaf("ISDeviceID", tag)),
        )
      : "<ISDevList></ISDevList>",
  ]);
}

function renderVoiceRegisterDn(
  dn: VoiceRegisterDn,
  context: MethodContext,
  pools: Array<{ tag: number; sessionServer: number }>,
): string {
  return branch("ISExtension", [
    leaf("ISVoiceRegDNID", dn.tag),
    leaf("ISExtNumber", dn.number),
    leaf("ISDevSessionServer", pools[0]?.sessionServer ?? 1),
    leaf("ISAllowWatch", dn.allowWatch),
    ...nameElements(dn.name, context),
    pools.length > 0
      ? branch(
          "ISDevList",
          pools.map((pool) => leaf("ISPoolID", pool.tag)),
        )
      : "<ISDevList></ISDevList>",
  ]);
}
