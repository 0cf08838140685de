// Restart or reset one phone of a CME router for the helpdesk: `restart` under the phone's
// `ephone N` or `voice register pool N` (it re-reads its configuration and re-registers in
// seconds), or `reset` (it reboots). Cisco's CME command reference gives both commands in both
// modes. Capped per router per minute, whoever asks, so the tool cannot take a site's phones down.
import "server-only";
import { RouterRefusal } from "@/lib/cme";
import { DeviceError, SoapFault, plainText } from "@/lib/soap";
import type { Actor } from "@/lib/db/audit";
import { cmePhoneRecord, countRestartsSince, recordPhoneRestart } from "@/lib/db/phone-restarts";
import { parseJsonObject } from "@/lib/domain/json";
import type { PhoneRestart, PhoneRestartKind } from "@/lib/domain/cme-actions";
import { env } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { log } from "@/lib/log";
import { failureReason, mayHaveTakenEffect } from "./outcome";
import { findCmeRouter, openCmeRouter } from "./router";
import { targetKey, withTargetLocks } from "./target-lock";

const RESTART_WINDOW_MS = 60_000;

/** The CLI that restarts this phone: its mode command (from the stored record) and the verb. */
async function cliFor(sourceId: string, name: string, kind: PhoneRestartKind): Promise<string[]> {
  const record = await cmePhoneRecord(sourceId, name);
  if (!record || record.missing) throw notFound(`The phone ${name} on this router`);
  const detail = parseJsonObject(record.detail);
  const tag = (value: unknown) => (typeof value === "number" && Number.isInteger(value) && value > 0 ? value : null);
  const ephone = tag(detail.ephoneTag);
  const pool = tag(detail.poolId);
  if (record.protocol.toLowerCase() === "sccp" && ephone !== null) return [`ephone ${ephone}`, kind];
  if (pool !== null) return [`voice register pool ${pool}`, kind];
  if (ephone !== null) return [`ephone ${ephone}`, kind];
  throw new AppError(
    "conflict",
    `The router has not said which ephone or voice register pool ${name} is; refresh the phone and try again.`,
  );
}

export async function restartCmePhone(
  sourceId: string,
  name: string,
  kind: PhoneRestartKind,
  who: Actor,
  now = new Date(),
): Promise<PhoneRestart> {
  const router = await findCmeRouter(sourceId);
  const lines = await cliFor(sourceId, name, kind);
  const cap = env().restartsPerMinute;
  const busy = `${name} on ${router.name} is already being restarted; wait for it to finish.`;
  return withTargetLocks([targetKey(sourceId, "phone", name)], busy, async () => {
    const recent = await countRestartsSince(sourceId, new Date(now.getTime() - RESTART_WINDOW_MS));
    if (recent >= cap)
      throw new AppError(
        "rate_limited",
        `${router.name} has had ${recent} phone restarts in the last minute, the most allowed (LINEWATCH_RESTARTS_PER_MINUTE=${cap}). Try again in a minute.`,
        { headers: { "retry-after": "60" } },
      );
    const audit = { sourceId, router: router.name, phone: name, kind };
    const verb = kind === "reset" ? "reset (reboot)" : "restart";
    const { client } = await openCmeRouter(sourceId);
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
