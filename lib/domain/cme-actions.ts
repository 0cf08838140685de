// The shapes of the helpdesk's router actions (key phones, save configuration, CME users): one
// zod source for the service's results, the API contracts and the pages' types.
import { z } from "zod";

export const MAX_PHONES_PER_CHANGE = 100;

export const cmeRouterSchema = z.object({ id: z.string(), name: z.string(), site: z.string() });

/** A router as the pickers list it: with its key phones in the stored inventory (0 before its first poll). */
export const cmeRouterChoiceSchema = cmeRouterSchema.extend({ keyPhones: z.number().int().nonnegative() });

export const keyPhoneActionSchema = z.enum(["set", "unset"]);

/** The audit vocabulary: what became of one privileged action. */
export const actionOutcomeSchema = z.enum(["success", "failure", "unknown"]);

export const keyPhoneRowSchema = z.object({
  name: z.string(),
  model: z.string(),
  description: z.string(),
  userName: z.string(),
  primaryDn: z.string(),
  registrationStatus: z.string(),
  /** null: the router or the inventory has not said. */
  keyPhone: z.boolean().nullable(),
});

export const keyPhoneListSchema = z.object({
  router: cmeRouterSchema,
  /** "inventory": Linewatch's stored phones; "router": read live because none are stored yet. */
  origin: z.enum(["inventory", "router"]),
  phones: z.array(keyPhoneRowSchema),
});

export const keyPhoneChangeSchema = z.object({
  action: keyPhoneActionSchema,
  /** success: every phone done; partial: some; failure: none; unknown: the router did not answer in time. */
  outcome: z.enum(["success", "partial", "failure", "unknown"]),
  message: z.string(),
  /** One per phone, in request order, as the router answered (empty when the outcome is unknown). */
  results: z.array(z.object({ phone: z.string(), ok: z.boolean() })),
  /** After an unanswered request: the flags read back from the router (null per phone it does not know; null overall when the read-back failed too). */
  readBack: z.array(z.object({ phone: z.string(), keyPhone: z.boolean().nullable() })).nullable(),
});

export const saveConfigSchema = z.object({
  result: z.enum(["saved", "delayed", "failed", "unknown"]),
  outcome: actionOutcomeSchema,
  message: z.string(),
});

export const cmeUserTypeSchema = z.enum(["invalid", "ephone user", "logout profile", "user profile"]);

export const cmeUserLookupSchema = z.object({
  userId: z.string(),
  /** false when the router answers type 0, tag 0: it has no such user. */
  found: z.boolean(),
  type: cmeUserTypeSchema,
  typeLabel: z.string(),
  tag: z.number(),
  message: z.string(),
});

export const cmePasswordResetSchema = z.discriminatedUnion("outcome", [
  /** The only place the new password ever appears: shown once, never stored or logged. */
  z.object({ outcome: z.literal("success"), userId: z.string(), password: z.string(), message: z.string() }),
  z.object({ outcome: z.literal("failure"), userId: z.string(), message: z.string() }),
  z.object({ outcome: z.literal("unknown"), userId: z.string(), message: z.string() }),
]);

/** Restart: the phone re-reads its configuration and re-registers; reset: it reboots (slower). */
export const phoneRestartKindSchema = z.enum(["restart", "reset"]);

export const phoneRestartSchema = z.object({
  outcome: actionOutcomeSchema,
  phone: z.string(),
  kind: phoneRestartKindSchema,
  message: z.string().describe("The router's answer in words"),
});

export type CmeRouter = z.infer<typeof cmeRouterSchema>;
export type PhoneRestartKind = z.infer<typeof phoneRestartKindSchema>;
export type PhoneRestart = z.infer<typeof phoneRestartSchema>;
export type CmeRouterChoice = z.infer<typeof cmeRouterChoiceSchema>;
export type KeyPhoneAction = z.infer<typeof keyPhoneActionSchema>;
export type KeyPhoneRow = z.infer<typeof keyPhoneRowSchema>;
export type KeyPhoneList = z.infer<typeof keyPhoneListSchema>;
export type KeyPhoneChange = z.infer<typeof keyPhoneChangeSchema>;
export type SaveConfigResult = z.infer<typeof saveConfigSchema>;
export type CmeUserLookup = z.infer<typeof cmeUserLookupSchema>;
export type CmePasswordReset = z.infer<typeof cmePasswordResetSchema>;
