// Helpdesk actions on CME routers: key phones, saving the configuration, CME phone users; and phone
// restarts, on routers and (through AXL) on clusters.
// Phone names are checked here with lib/cme's strict pattern (422 before any XML is built);
// user IDs travel in the path and are checked by the service, so a bad one is a 422 too.
import { z } from "zod";
import { defineContract } from "../contract";
import { idParams } from "./shared";
import {
  MAX_PHONES_PER_CHANGE,
  cmePasswordResetSchema,
  cmeUserLookupSchema,
  keyPhoneActionSchema,
  keyPhoneChangeSchema,
  keyPhoneListSchema,
  phoneRestartKindSchema,
  phoneRestartSchema,
  saveConfigSchema,
} from "@/lib/domain/cme-actions";
import { phoneNameSchema } from "@/lib/cme/validators";

const userParams = idParams.extend({ userId: z.string().min(1).max(1000) });

export const listKeyPhones = defineContract({
  method: "GET",
  path: "/sources/{id}/key-phones",
  summary: "A CME router's phones with their key-phone flag (stored inventory, or live when none is stored yet)",
  tag: "Key phones",
  permission: "changeKeyPhones",
  params: idParams,
  response: keyPhoneListSchema,
});

export const changeKeyPhones = defineContract({
  method: "POST",
  path: "/sources/{id}/key-phones",
  summary: "Set or unset the key-phone flag on one or many phones; one router answer per phone, in order",
  tag: "Key phones",
  permission: "changeKeyPhones",
  params: idParams,
  body: z
    .object({ action: keyPhoneActionSchema, phones: z.array(phoneNameSchema).min(1).max(MAX_PHONES_PER_CHANGE) })
    .strict(),
  response: keyPhoneChangeSchema,
});

export const saveRouterConfig = defineContract({
  method: "POST",
  path: "/sources/{id}/save-config",
  summary: "Save a CME router's running configuration to NVRAM (saved, delayed by a terminal session, or failed)",
  tag: "Key phones",
  permission: "changeKeyPhones",
  params: idParams,
  response: saveConfigSchema,
});

export const listCmeUsers = defineContract({
  method: "GET",
  path: "/sources/{id}/cme-users",
  summary:
    "A CME router's phone users as its stored phones name them, with their phones and each phone's state; q searches user names",
  tag: "CME users",
  permission: "resetCmePassword",
  params: idParams,
  query: z.object({ q: z.string().trim().max(64).optional() }),
  response: z.object({
    users: z.array(
      z.object({
        userId: z.string(),
        phones: z.array(z.object({ name: z.string(), registrationStatus: z.string(), statusReason: z.string() })),
      }),
    ),
    truncated: z.boolean().describe("true: more phones matched than were read (narrow the search)"),
  }),
});

export const lookUpCmeUser = defineContract({
  method: "GET",
  path: "/sources/{id}/cme-users/{userId}",
  summary: "Look up a CME phone user (ISgetUser): type and user-name tag, or no such user",
  tag: "CME users",
  permission: "resetCmePassword",
  params: userParams,
  response: cmeUserLookupSchema,
});

export const resetCmeUserPassword = defineContract({
  method: "POST",
  path: "/sources/{id}/cme-users/{userId}/reset-password",
  summary: "Give a CME phone user a generated password (returned once, never stored)",
  tag: "CME users",
  permission: "resetCmePassword",
  params: userParams,
  response: cmePasswordResetSchema,
});

/**
 * A device name as Unified CM allows it (SEP…, CSF…, BOT…, lower case too) and nothing else: no
 * markup, no spaces. A router's phones are further held to SEP or ATA + MAC by the service.
 */
const deviceNameParam = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,50}$/, "a device name: letters, digits, dots, dashes or underscores, at most 50");

export const restartPhone = defineContract({
  method: "POST",
  path: "/sources/{id}/phones/{name}/restart",
  summary:
    "Restart (`restart`: re-reads its configuration) or reset (`reset`: reboots) one phone: on a CME router through ISexecCLI under its ephone or voice register pool, on a Unified CM cluster through AXL doDeviceReset (the cluster source needs AXL enabled, else 409); one at a time and capped per source per minute (LINEWATCH_RESTARTS_PER_MINUTE), audited",
  tag: "Phones",
  permission: "restartPhones",
  params: idParams.extend({ name: deviceNameParam }),
  body: z.object({ kind: phoneRestartKindSchema.default("restart") }),
  response: phoneRestartSchema,
});
