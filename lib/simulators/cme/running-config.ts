// `show running-config` for the telephony part of the router, in IOS's own layout, so tests and
// the demo can see what ISexecCLI changed and ISSaveConfig saved.
import { dottedMac, type LineButton, type RouterConfig } from "./model";

const BUTTON_SEPARATOR: Record<LineButton["mode"], string> = { Normal: ":", Silent: "s", Monitor: "m" };

export function renderRunningConfig(config: RouterConfig): string {
  const lines: string[] = [];
  const { telephony } = config;
  lines.push("telephony-service", ` max-ephones ${telephony.maxEphones}`, ` max-dn ${telephony.maxDn}`);
  lines.push(` keepalive ${telephony.keepaliveSeconds}`, "!");

  for (const dn of sortedByTag(config.voiceRegisterDns)) {
    lines.push(`voice register dn  ${dn.tag}`);
    if (dn.number) lines.push(` number ${dn.number}`);
    if (dn.name) lines.push(` name ${dn.name}`);
    if (dn.label) lines.push(` label ${dn.label}`);
    if (!dn.allowWatch) lines.push(" no allow watch");
    lines.push("!");
  }
  for (const pool of sortedByTag(config.pools)) {
    lines.push(`voice register pool  ${pool.tag}`);
    if (pool.mac) lines.push(` id mac ${dottedMac(pool.mac)}`);
    if (pool.type) lines.push(` type ${pool.type}`);
    for (const line of pool.lines) lines.push(` number ${line.line} dn ${line.dnTag}`);
    if (pool.description) lines.push(` description ${pool.description}`);
    lines.push(` dtmf-relay ${pool.dtmfRelay}`, ` codec ${pool.codec}`, "!");
  }
  for (const dn of sortedByTag(config.ephoneDns)) {
    const mode = dn.lineMode === "DUAL_LINE" ? "  dual-line" : dn.lineMode === "OCTO_LINE" ? "  octo-line" : "";
    lines.push(`ephone-dn  ${dn.tag}${mode}`);
    if (dn.number) lines.push(` number ${dn.number}${dn.secondaryNumber ? ` secondary ${dn.secondaryNumber}` : ""}`);
    if (dn.label) lines.push(` label ${dn.label}`);
    if (dn.description) lines.push(` description ${dn.description}`);
    if (dn.name) lines.push(` name ${dn.name}`);
    if (dn.callForwardAll) lines.push(` call-forward all ${dn.callForwardAll}`);
    lines.push("!");
  }
  // IOS prints ephone user passwords in clear; these are the simulator's made-up ones.
  const passwordByTag = new Map<number, string>();
  for (const user of config.users.values()) if (user.type === 1) passwordByTag.set(user.tag, user.password);
  for (const phone of sortedByTag(config.ephones)) {
    lines.push(`ephone  ${phone.tag}`);
    if (phone.description) lines.push(` description ${phone.description}`);
    if (phone.userName)
      lines.push(
        ` username "${phone.userName}"${passwordByTag.has(phone.tag) ? ` password ${passwordByTag.get(phone.tag)}` : ""}`,
      );
    if (phone.mac) lines.push(` mac-address ${dottedMac(phone.mac)}`);
    if (phone.type) lines.push(` type ${phone.type}`);
    if (phone.keyPhone) lines.push(" keyphone");
    if (phone.buttons.length > 0) {
      lines.push(` button  ${phone.buttons.map((b) => `${b.line}${BUTTON_SEPARATOR[b.mode]}${b.dnTag}`).join(" ")}`);
    }
    lines.push("!");
  }
  return `${lines.join("\n")}\n`;
}

function sortedByTag<T extends { tag: number }>(items: Map<number, T>): T[] {
  return [...items.values()].sort((a, b) => a.tag - b.tag);
}
