// Restart or reset one phone of a CME router: `restart` under the phone's `ephone N` or
// `voice register pool N` (it re-reads its configuration and re-registers in seconds), or `reset`
// (it reboots). Cisco's CME command reference gives both commands in both modes.
import "server-only";
import { RouterRefusal, type CmeClient } from "@/lib/cme";
import { isPhoneName } from "@/lib/cme/validators";
import { DeviceError, SoapFault, plainText } from "@/lib/soap";
import type { Actor } from "@/lib/db/audit";
import { recordPhoneRestart, storedPhoneRecord } from "@/lib/db/phone-restarts";
import { parseJsonObject } from "@/lib/domain/json";
import type { PhoneRestart, PhoneRestartKind } from "@/lib/domain/cme-actions";
import { AppError, conflict, notFound } from "@/lib/errors";
import { log } from "@/lib/log";
import { failureReason, mayHaveTakenEffect } from "@/lib/services/cme-actions/outcome";
import { openCmeRouter } from "@/lib/services/cme-actions/router";
import { withRestartSlot } from "./restart-slot";

const positive = (value: unknown) => (typeof value === "number" && Number.isInteger(value) && value > 0 ? value : null);

/** What the stored record says: the phone's protocol and, for a SIP phone, its pool tag. */
async function storedPhone(
  sourceId: string,
  name: string,
): Promise<{ protocol: "sccp" | "sip"; poolId: number | null }> {
  const record = await storedPhoneRecord(sourceId, name);
  if (!record || record.missing) throw notFound(`The phone ${name} on this router`);
  const protocol = record.protocol.toLowerCase();
  if (protocol !== "sccp" && protocol !== "sip")
    throw conflict(`${name} is neither an SCCP nor a SIP phone of this router; it cannot be restarted from here.`);
  return { protocol, poolId: positive(parseJsonObject(record.detail).poolId) };
}

/**
 * The CLI that restarts this phone, from the router's answer now, not the stored tag: in IOS
 * configuration mode `ephone N` or `voice register pool N` for a tag that no longer exists creates
 * it, and a tag given to another phone since the last poll would restart that one.
 */
async function cliFor(
  client: CmeClient,
  name: string,
  stored: { protocol: "sccp" | "sip"; poolId: number | null },
  kind: PhoneRestartKind,
): Promise<string[]> {
  const gone = () =>
    conflict(`The router no longer lists ${name} where Linewatch last saw it; nothing was sent. Refresh the phone.`);
  if (stored.protocol === "sccp") {
    const found = (await client.getPhones({ name })).find((p) => p.name?.toUpperCase() === name && p.ephoneTag);
    if (!found?.ephoneTag) throw gone();
    return [`ephone ${found.ephoneTag}`, kind];
  }
  // A pool may carry another phone now: only the same name counts.
  if (stored.poolId === null) throw gone();
  const found = (await client.getPhones({ poolId: stored.poolId })).some((p) => p.name?.toUpperCase() === name);
  if (!found) throw gone();
  return [`voice register pool ${stored.poolId}`, kind];
}

export async function restartCmePhone(
  router: { id: string; name: string },
  phone: string,
  kind: PhoneRestartKind,
  who: Actor,
  now: Date,
): Promise<PhoneRestart> {
  // The route takes any device name (cluster devices need not be SEP…); a router's are SEP or ATA + MAC.
  if (!isPhoneName(phone))
    throw new AppError(
      "validation_failed",
      "A CME phone name is SEP (or ATA) followed by the 12 hex digits of its MAC address.",
    );
  const name = phone.toUpperCase();
  const sourceId = router.id;
  const stored = await storedPhone(sourceId, name);
  return withRestartSlot(router, now, async () => {
    const audit = { sourceId, sourceKind: "cme" as const, sourceName: router.name, phone: name, kind };
    const verb = kind === "reset" ? "reset (reboot)" : "restart";
    const { client } = await openCmeRouter(sourceId);
    const lines = await cliFor(client, name, stored, kind);
    try {
      await client.runCli(lines);
    } catch (error) {
      if (error instanceof DeviceError) {
        const said = plainText(error.deviceMessage);
        const message = `The router refused the ${verb} of ${name}${said ? `: ${said}` : ""}. Nothing was sent to the phone.`;
        await recordPhoneRestart({ ...audit, outcome: "failure", reason: message }, who);
        return { outcome: "failure", phone: name, kind, message };
      }
      if (error instanceof RouterRefusal || error instanceof SoapFault) {
        const message = `This router does not run configuration commands through its XML API (${plainText(error.userMessage).replace(/\.$/, "")}). Restart ${name} on the router itself.`;
        await recordPhoneRestart({ ...audit, outcome: "failure", reason: message }, who);
        return { outcome: "failure", phone: name, kind, message };
      }
      if (mayHaveTakenEffect(error)) {
        await recordPhoneRestart({ ...audit, outcome: "unknown", reason: failureReason(error) }, who);
        log.warn("CME phone restart unanswered", { sourceId, phone: name });
        return {
          outcome: "unknown",
          phone: name,
          kind,
          message: `Outcome unknown: the router did not answer in time, so ${name} may or may not be restarting. Refresh the phone in a minute to see.`,
        };
      }
      await recordPhoneRestart({ ...audit, outcome: "failure", reason: failureReason(error) }, who);
      throw error;
    }
    await recordPhoneRestart({ ...audit, outcome: "success" }, who);
    return {
      outcome: "success",
      phone: name,
      kind,
      message:
        kind === "reset"
          ? `${router.name} reset ${name}: it reboots and registers again within a few minutes. Refresh the phone to see it come back.`
          : `${router.name} restarted ${name}: it re-registers within a minute. Refresh the phone to see it come back.`,
    };
  });
}
