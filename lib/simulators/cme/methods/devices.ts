// ISgetDevice: SCCP phones by ephone tag, device name or keyword; SIP phones by pool tag or
// all/available. Field names and order follow the seed's SCCP and SIP examples.
import { deviceName, dottedMac, phoneModel, type Ephone, type VoiceRegisterPool } from "../model";
import { branch, leaf, type MethodReply } from "../replies";
import { RequestFault, type RequestParam } from "../request";
import { OrderedSet, nextFreeTag, sortedByTag, tagValue, type MethodContext, type MethodHandler } from "./context";

const SCCP_KEYWORDS = ["all", "allRegistered", "allUnregistered", "allKeyphone", "allTag"] as const;
type SccpKeyword = (typeof SCCP_KEYWORDS)[number];

type DeviceEntry =
  | { kind: "ephone"; phone: Ephone }
  | { kind: "ephoneTag"; tag: number }
  | { kind: "pool"; pool: VoiceRegisterPool }
  | { kind: "availablePool"; tag: number }
  | { kind: "poolTag"; tag: number };

export const getDevice: MethodHandler = (params, context) => selectDevices(params, context, "ISgetDevice");

/** The newer guide's SIP getter: pools by ISPoolID, ISPoolName or ISKeyword all/allTag/available. */
export const getSipDevice: MethodHandler = (params, context) => {
  if (context.dialect === "2008") throw new RequestFault("unknown method ISgetSipDevice");
  return selectDevices(params, context, "ISgetSipDevice");
};

function selectDevices(
  params: readonly RequestParam[],
  context: MethodContext,
  method: "ISgetDevice" | "ISgetSipDevice",
): MethodReply {
  const { config } = context.state;
  const entries = new OrderedSet<DeviceEntry>();
  let answersAll = false;
  const addEphone = (phone: Ephone) => entries.add(`e${phone.tag}`, { kind: "ephone", phone });
  const addPool = (pool: VoiceRegisterPool) => entries.add(`p${pool.tag}`, { kind: "pool", pool });

  const addSccpKeyword = (keyword: SccpKeyword) => {
    if (keyword === "all") answersAll = true;
    for (const phone of sortedByTag(config.ephones.values())) {
      if (keyword === "allTag") entries.add(`t${phone.tag}`, { kind: "ephoneTag", tag: phone.tag });
      else if (
        keyword === "all" ||
        (keyword === "allRegistered" && phone.status === "registered") ||
        (keyword === "allUnregistered" && phone.status !== "registered") ||
        (keyword === "allKeyphone" && phone.keyPhone)
      ) {
        addEphone(phone);
      }
    }
  };
  const addAvailablePool = () => {
    const tag = nextFreeTag(config.pools);
    entries.add(`a${tag}`, { kind: "availablePool", tag });
  };
  const addSipKeyword = (value: string) => {
    if (value === "all") {
      answersAll = true;
      sortedByTag(config.pools.values()).forEach(addPool);
    } else if (value === "allTag") {
      for (const pool of sortedByTag(config.pools.values()))
        entries.add(`q${pool.tag}`, { kind: "poolTag", tag: pool.tag });
    } else if (value === "available") addAvailablePool();
    else return false;
    return true;
  };
  // The newer guide lists no SIP selector in ISgetDevice: a router ignores them or faults.
  const sipHere = method === "ISgetSipDevice" || context.dialect === "2008";
  const sipSelectorInSccpMethod = (name: string) => {
    if (context.behaviour.sipInSccpMethods === "fault")
      throw new RequestFault(`unexpected element ${name} in ISgetDevice`);
  };

  for (const param of params) {
    const value = param.value.trim();
    switch (param.name) {
      case "ISDevID": {
        const phone = config.ephones.get(tagValue(param));
        if (phone) addEphone(phone);
        break;
      }
      case "ISKeyword":
        if (method === "ISgetSipDevice") {
          if (!addSipKeyword(value)) throw new RequestFault(`unknown ISKeyword ${value}`);
        } else if (isSccpKeyword(value)) addSccpKeyword(value);
        else if (value === "available" && context.dialect === "2008") addAvailablePool();
        else if (value === "available") sipSelectorInSccpMethod("ISKeyword available");
        else throw new RequestFault(`unknown ISKeyword ${value}`);
        break;
      case "ISDevName":
        if (isSccpKeyword(value)) addSccpKeyword(value);
        else {
          const phone = context.state.findEphone(value);
          if (phone) addEphone(phone);
        }
        break;
      case "ISPoolID": {
        if (!sipHere) {
          sipSelectorInSccpMethod(param.name);
          break;
        }
        const pool = config.pools.get(tagValue(param));
        if (pool) addPool(pool);
        break;
      }
      case "ISPoolName":
        if (!sipHere) {
          sipSelectorInSccpMethod(param.name);
          break;
        }
        if (value === "all" || value === "available") addSipKeyword(value);
        else {
          const pool = context.state.findPool(value);
          if (pool) addPool(pool);
        }
        break;
    }
  }
  return { ...deviceReply(entries.values(), context, method), answersAll };
}

function isSccpKeyword(value: string): value is SccpKeyword {
  return (SCCP_KEYWORDS as readonly string[]).includes(value);
}

/**
 * 2008 keeps the request's order under <response>; 2010 splits SCCP (ISDevices) from SIP
 * (ISSipDevices). A tag list in the "unexpected" shape stands for the allTag reply no document shows.
 */
function deviceReply(entries: DeviceEntry[], context: MethodContext, method: string): MethodReply {
  const sccp: string[] = [];
  const sip: string[] = [];
  const inOrder: string[] = [];
  let fullEntities = 0;
  const tagsOnly =
    entries.length > 0 && entries.every((entry) => entry.kind === "ephoneTag" || entry.kind === "poolTag");
  if (tagsOnly && context.behaviour.tagListShape === "unexpected") {
    const tags = entries.map((entry) => leaf("ISTag", (entry as { tag: number }).tag));
    return { sections: [{ elements: [branch("ISTagList", tags)] }], fullEntities: 0 };
  }
  for (const entry of entries) {
    const isSip = entry.kind === "pool" || entry.kind === "availablePool" || entry.kind === "poolTag";
    const xml = renderEntry(entry, context);
    if (entry.kind === "ephone" || entry.kind === "pool") fullEntities++;
    (isSip ? sip : sccp).push(xml);
    inOrder.push(xml);
  }
  if (context.dialect === "2008") return { sections: [{ elements: inOrder }], fullEntities };
  if (method === "ISgetSipDevice") return { sections: [{ wrapper2010: "ISSipDevices", elements: sip }], fullEntities };
  return { sections: [{ wrapper2010: "ISDevices", elements: sccp }], fullEntities };
}

function renderEntry(entry: DeviceEntry, context: MethodContext): string {
  const sipElement = context.dialect === "2010" ? "ISSipDevice" : "ISDevice";
  switch (entry.kind) {
    case "ephone":
      return renderEphone(entry.phone, context);
    case "ephoneTag":
      return branch("ISDevice", [leaf("ISDevID", entry.tag)]);
    case "pool":
      return context.dialect === "2010"
        ? renderNewerPool(entry.pool, context)
        : renderPool(entry.pool, sipElement, context);
    case "availablePool":
    case "poolTag":
      return branch(sipElement, [leaf("ISPoolID", entry.tag)]);
  }
}

function renderEphone(phone: Ephone, context: MethodContext): string {
  const { state } = context;
  const registered = phone.status === "registered";
  const keepAliveMs = state.config.telephony.keepaliveSeconds * 1000;
  const keepAlives =
    registered && phone.registeredAt !== null ? Math.floor((state.clock() - phone.registeredAt) / keepAliveMs) : 0;
  // Real routers are seen spelling this field ISDevUsername too; the quirk mixes both spellings.
  const userNameTag = context.quirks.has("username-case") && phone.tag % 2 === 1 ? "ISDevUsername" : "ISDevUserName";
  const lines = phone.buttons.map((button) => {
    const dn = state.config.ephoneDns.get(button.dnTag);
    return branch("ExtMapStatus", [
      leaf("LineId", button.line),
      leaf("ExtId", button.dnTag),
      leaf("ExtNumber", dn?.number ?? ""),
      leaf("ExtStatus", registered && dn !== undefined),
      leaf("LineState", "idle"),
    ]);
  });
  return branch("ISDevice", [
    leaf("ISDevID", phone.tag),
    leaf("ISDevName", phone.mac ? deviceName(phone.type, phone.mac) : ""),
    leaf("ISDevType", phoneModel(phone.type)?.deviceType ?? ""),
    leaf(userNameTag, phone.userName),
    ...lineButtons(phone, context),
    branch("ISDevAddr", [leaf("Xipv4Address", phone.address)]),
    lines.length > 0 ? branch("ISPhoneLineList", lines) : "<ISPhoneLineList></ISPhoneLineList>",
    leaf("ISKeyPhone", phone.keyPhone),
    branch("ISTapiClientAddr", [leaf("Xipv4Address", "0.0.0.0")]),
    leaf("ISDevStatus", registered ? "registered" : "unregistered"),
    // Cisco's unregistered example reads "unregistered", last "deceased", 0 keepalives: a phone the
    // router gave up on after missed keepalives names that as its last state while it stays down.
    leaf("ISDevLastStatus", phone.status === "deceased" ? "deceased" : phone.lastStatus),
    leaf("ISDevChangeTime", state.uptimeSeconds(phone.changedAt)),
    leaf("ISDevKeepAlives", keepAlives),
    leaf("ISDevTapiCStatus", ""),
    leaf("ISDevTapiCLastStatus", ""),
    leaf("ISTapiCChangeTime", ""),
    leaf("ISTapiCKeepAlive", ""),
    leaf("ISDevDND", phone.dnd ? "yes" : "no"),
  ]);
}

/** The seed's SIP example has no status field: an unregistered pool shows address 0.0.0.0. */
function renderPool(pool: VoiceRegisterPool, element: string, context: MethodContext): string {
  const lines = pool.lines.map((line) =>
    branch("ExtMapStatus", [
      leaf("LineId", line.line),
      leaf("ExtId", line.dnTag),
      leaf("ExtNumber", context.state.config.voiceRegisterDns.get(line.dnTag)?.number ?? ""),
      leaf("LineState", "idle"),
    ]),
  );
  return branch(element, [
    leaf("ISPoolID", pool.tag),
    leaf("ISDevMac", pool.mac ? deviceName(pool.type, pool.mac) : ""),
    leaf("ISDevSessionServer", pool.sessionServer),
    branch("ISDevAddr", [leaf("Xipv4Address", pool.status === "registered" ? pool.address : "0.0.0.0")]),
    lines.length > 0 ? branch("ISPhoneLineList", lines) : "<ISPhoneLineList></ISPhoneLineList>",
    leaf("ISPoolMaxRegistration", pool.maxRegistration),
    leaf("ISPoolDtmfRelay", pool.dtmfRelay),
    leaf("ISDevCodec", pool.codec),
  ]);
}

/** The seed lists ISDevLineButton right in ISDevice; the newer guide wraps them in ISDevLineButtons. */
function lineButtons(phone: Ephone, context: MethodContext): string[] {
  const buttons = phone.buttons.map((button) =>
    branch("ISDevLineButton", [leaf("ISDevLineButtonID", button.line), leaf("ISDevLineButtonMode", button.mode)]),
  );
  if (context.dialect === "2008") return buttons;
  return [buttons.length > 0 ? branch("ISDevLineButtons", buttons) : "<ISDevLineButtons></ISDevLineButtons>"];
}

/**
 * The newer guide's ISSipDevice: dotted ISDevMac, ISSessionServerID, ISSipPhoneLineList and no
 * status field at all; an unregistered pool's address reads `0`, as in Cisco's example.
 */
function renderNewerPool(pool: VoiceRegisterPool, context: MethodContext): string {
  const lines = pool.lines.map((line) =>
    branch("ExtMapStatus", [
      leaf("LineId", line.line),
      leaf("ExtId", line.dnTag),
      leaf("ExtNumber", context.state.config.voiceRegisterDns.get(line.dnTag)?.number ?? ""),
      leaf("LineState", "idle"),
    ]),
  );
  return branch("ISSipDevice", [
    leaf("ISPoolID", pool.tag),
    leaf("ISDevMac", pool.mac ? dottedMac(pool.mac) : ""),
    leaf("ISSessionServerID", pool.sessionServer),
    branch("ISDevAddr", [leaf("Xipv4Address", pool.status === "registered" ? pool.address : "0")]),
    lines.length > 0 ? branch("ISSipPhoneLineList", lines) : "<ISSipPhoneLineList></ISSipPhoneLineList>",
    leaf("ISPoolMaxRegistration", pool.maxRegistration),
    leaf("ISPoolDtmfRelay", pool.dtmfRelay),
    leaf("ISDevCodec", pool.codec),
  ]);
}
