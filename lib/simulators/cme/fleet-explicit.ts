// The demo's fleet: exactly the phones and numbers it lists, so the same MACs can sit on this
// router and on a CUCM cluster (SRST fallback). Same numbers on two phones become a shared line.
import {
  emptyConfig,
  newEphone,
  newEphoneDn,
  newPool,
  newVoiceRegisterDn,
  nextFreeTag,
  normalizeMac,
  phoneModel,
  type RouterConfig,
} from "./model";
import type { explicitFleetSchema } from "./options";
import type { z } from "zod";

type ExplicitFleet = z.output<typeof explicitFleetSchema>;

export function buildExplicitFleet(spec: ExplicitFleet, now: number): RouterConfig {
  const config = emptyConfig();
  const macs = new Set<string>();
  const sccpDnByNumber = new Map<string, number>();
  const sipDnByNumber = new Map<string, number>();

  const ephoneDnFor = (number: string): number => {
    const existing = sccpDnByNumber.get(number);
    if (existing !== undefined) return existing;
    const dn = newEphoneDn(config.ephoneDns.size + 1, now, "DUAL_LINE");
    dn.number = number;
    config.ephoneDns.set(dn.tag, dn);
    sccpDnByNumber.set(number, dn.tag);
    return dn.tag;
  };
  const voiceRegisterDnFor = (number: string): number => {
    const existing = sipDnByNumber.get(number);
    if (existing !== undefined) return existing;
    const dn = newVoiceRegisterDn(config.voiceRegisterDns.size + 1, now);
    dn.number = number;
    config.voiceRegisterDns.set(dn.tag, dn);
    sipDnByNumber.set(number, dn.tag);
    return dn.tag;
  };

  for (const phone of spec.phones) {
    const mac = normalizeMac(phone.mac);
    const model = phoneModel(phone.type);
    if (!mac || !model) throw new Error(`phone ${phone.mac}: bad MAC or type`);
    if (macs.has(mac)) throw new Error(`phone ${phone.mac} is listed twice`);
    macs.add(mac);
    const protocol = phone.protocol ?? model.protocol;
    const registered = phone.status === "registered";
    const lastStatus = registered ? "unregistered" : "registered";

    if (protocol === "sccp") {
      const tag = phone.tag ?? nextFreeTag(config.ephones);
      if (config.ephones.has(tag)) throw new Error(`ephone ${tag} is listed twice`);
      const ephone = newEphone(tag, now);
      Object.assign(ephone, {
        mac,
        type: model.type,
        description: phone.description ?? "",
        userName: phone.userName ?? "",
        keyPhone: phone.keyPhone,
        status: phone.status,
        lastStatus,
        registeredAt: registered ? now : null,
        address: phone.address ?? `10.2.${Math.floor(tag / 250)}.${(tag % 250) + 2}`,
      });
      ephone.buttons = phone.lines.map((number, index) => ({
        line: index + 1,
        dnTag: ephoneDnFor(number),
        mode: "Normal" as const,
      }));
      config.ephones.set(tag, ephone);
      nameFirstLine(config.ephoneDns.get(ephone.buttons[0]?.dnTag ?? -1), phone.name);
      if (phone.userName) {
        const user = { userId: phone.userName, password: phone.password ?? "1234", type: 1 as const, tag };
        config.users.set(phone.userName, user);
      }
    } else {
      const tag = phone.tag ?? nextFreeTag(config.pools);
      if (config.pools.has(tag)) throw new Error(`voice register pool ${tag} is listed twice`);
      const pool = newPool(tag, now);
      Object.assign(pool, {
        mac,
        type: model.type,
        description: phone.description ?? "",
        status: phone.status,
        lastStatus,
        address: phone.address ?? `10.3.${Math.floor(tag / 250)}.${(tag % 250) + 2}`,
      });
      pool.lines = phone.lines.map((number, index) => ({ line: index + 1, dnTag: voiceRegisterDnFor(number) }));
      config.pools.set(tag, pool);
      nameFirstLine(config.voiceRegisterDns.get(pool.lines[0]?.dnTag ?? -1), phone.name);
    }
  }

  for (const extension of spec.extensions) {
    const sipTag = sipDnByNumber.get(extension.number);
    const dn =
      sipTag !== undefined ? config.voiceRegisterDns.get(sipTag) : config.ephoneDns.get(ephoneDnFor(extension.number));
    if (!dn) continue;
    if (extension.name !== undefined) dn.name = extension.name;
    if (extension.label !== undefined) dn.label = extension.label;
    if (extension.callForwardAll !== undefined && "callForwardAll" in dn) dn.callForwardAll = extension.callForwardAll;
  }
  config.telephony.maxEphones = Math.max(48, config.ephones.size + 10);
  config.telephony.maxDn = Math.max(144, config.ephoneDns.size + 20);
  return config;
}

function nameFirstLine(dn: { name: string } | undefined, name: string | undefined): void {
  if (dn && name && !dn.name) dn.name = name;
}
