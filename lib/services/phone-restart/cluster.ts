// Restart or reset one phone of a Unified CM cluster through AXL doDeviceReset on the publisher:
// `Restart` (it re-reads its configuration and re-registers) or `Reset` (isHardReset: it reboots).
// Only phones (desk phones and soft clients): a trunk or gateway carries every call through it.
import "server-only";
import { AxlFault, AXL_ITEM_NOT_FOUND } from "@/lib/axl/errors";
import type { Actor } from "@/lib/db/audit";
import { recordPhoneRestart, storedPhoneRecord } from "@/lib/db/phone-restarts";
import { sourceConnection } from "@/lib/db/sources";
import type { PhoneRestart, PhoneRestartKind } from "@/lib/domain/cme-actions";
import { deviceClassLabel, PHONE_CLASS } from "@/lib/domain/device-classes";
import { conflict, notFound } from "@/lib/errors";
import { axlClient } from "@/lib/inventory/axl-client";
import { log } from "@/lib/log";
import { AuthError, plainText } from "@/lib/soap";
import { failureReason, mayHaveTakenEffect } from "@/lib/services/cme-actions/outcome";
import { withRestartSlot } from "./restart-slot";

export const NO_AXL_MESSAGE = "Restarting a cluster phone needs AXL credentials on the cluster source";
const noAxl = (cluster: string) =>
  conflict(`${NO_AXL_MESSAGE}: an administrator can enable AXL on ${cluster} under Sources. Nothing was sent.`);

/** Why the cluster did not restart the phone, in words, or null when the error says nothing certain. */
function refusal(error: unknown, cluster: string, phone: string, verb: string): string | null {
  if (error instanceof AuthError)
    return error.status === 403
      ? `${cluster} refused the AXL request: the AXL user lacks the Standard AXL API Access role. ${phone} was not ${verb}.`
      : `${cluster} refused the AXL user name or password; check the AXL credentials on the cluster source. ${phone} was not ${verb}.`;
  if (error instanceof AxlFault) {
    const said = plainText(error.axlMessage || error.faultString);
    return `${cluster} refused the ${verb === "reset" ? "reset" : "restart"} of ${phone}${said ? `: ${said}` : ""}.`;
  }
  return null;
}

export async function restartClusterPhone(
  cluster: { id: string; name: string; axlEnabled: boolean },
  name: string,
  kind: PhoneRestartKind,
  who: Actor,
  now: Date,
): Promise<PhoneRestart> {
  if (!cluster.axlEnabled) throw noAxl(cluster.name);
  const stored = await storedPhoneRecord(cluster.id, name);
  if (!stored || stored.missing) throw notFound(`The phone ${name} on this cluster`);
  const phone = stored.name;
  if (stored.deviceClass !== PHONE_CLASS)
    throw conflict(
      `${phone} is not a phone (${deviceClassLabel(stored.deviceClass)}): restarting it would drop every call through it. Restart it in Unified CM administration.`,
    );
  return withRestartSlot(cluster, now, async () => {
    const connection = await sourceConnection(cluster.id);
    // AXL may have been turned off since the first check.
    if (!connection.axl) throw noAxl(cluster.name);
    const client = axlClient({ ...connection, axl: connection.axl });
    const audit = { sourceId: cluster.id, sourceKind: "cucm" as const, sourceName: cluster.name, phone, kind };
    const failed = async (message: string): Promise<PhoneRestart> => {
      await recordPhoneRestart({ ...audit, outcome: "failure", reason: message }, who);
      return { outcome: "failure", phone, kind, message };
    };
    const verb = kind === "reset" ? "reset" : "restarted";
    // Any failure that left the phone alone: said in words (and audited) where the cause is certain.
    const notSent = async (error: unknown): Promise<PhoneRestart> => {
      if (error instanceof AxlFault && error.axlCode === AXL_ITEM_NOT_FOUND) {
        const message = `${cluster.name} no longer has ${phone}; nothing was ${verb}. Refresh the phone.`;
        await recordPhoneRestart({ ...audit, outcome: "failure", reason: message }, who);
        throw conflict(message);
      }
      const message = refusal(error, cluster.name, phone, verb);
      if (message) return failed(message);
      await recordPhoneRestart({ ...audit, outcome: "failure", reason: failureReason(error) }, who);
      throw error;
    };
    // The schema version first, so a failure before doDeviceReset went out is known to have done nothing.
    try {
      await client.version();
    } catch (error) {
      return notSent(error);
    }
    let accepted: boolean;
    try {
      accepted = await client.resetDevice(phone, kind);
    } catch (error) {
      if (!mayHaveTakenEffect(error)) return notSent(error);
      await recordPhoneRestart({ ...audit, outcome: "unknown", reason: failureReason(error) }, who);
      log.warn("cluster phone restart unanswered", { sourceId: cluster.id, phone });
      return {
        outcome: "unknown",
        phone,
        kind,
        message: `Outcome unknown: ${cluster.name} did not answer in time, so ${phone} may or may not be restarting. Refresh the phone in a minute to see.`,
      };
    }
    if (!accepted) return failed(`${cluster.name} answered that ${phone} was not ${verb}.`);
    await recordPhoneRestart({ ...audit, outcome: "success" }, who);
    return {
      outcome: "success",
      phone,
      kind,
      message:
        kind === "reset"
          ? `${cluster.name} reset ${phone}: it reboots and registers again within a few minutes. Refresh the phone to see it come back.`
          : `${cluster.name} restarted ${phone}: it re-registers within a minute. Refresh the phone to see it come back.`,
    };
  });
}
