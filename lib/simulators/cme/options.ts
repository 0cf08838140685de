// What a test, the demo or the CLI can choose when starting a simulated CME/SRST router.
// One zod schema so the in-process API, the CLI and the HTTP control endpoint agree.
import { z } from "zod";
import { behaviourSchema } from "./behaviour";
import { normalizeMac, phoneModel, PROTOCOLS } from "./model";

export const DIALECTS = ["2008", "2010"] as const;
export type Dialect = (typeof DIALECTS)[number];

export const FAILURE_MODES = [
  "401",
  "500",
  "hang",
  "slow-drip",
  "truncated",
  "html",
  "doctype-bomb",
  "buffer-overflow",
] as const;
export type FailureMode = (typeof FAILURE_MODES)[number];

/** Real-world deviations from Cisco's examples (docs/cisco-apis.md, "Envelope"). */
export const QUIRKS = [
  "spaces-in-tags", // <SOAP-ENV:Envelope >, <axl >, <response xsi:type="..." >
  "attribute-leading-space", // xsi:type=" ISSaveConfig"
  "lowercase-event-fields", // ISextID / ISextNumber in ISExtEvent
  "username-case", // ISDevUsername instead of ISDevUserName on some phones
  "mismatched-close-tags", // <firstname>..</firstName>, <response>..</request>
] as const;
export type Quirk = (typeof QUIRKS)[number];

export const REGISTRATION_STATUSES = ["registered", "unregistered", "deceased"] as const;

const directoryNumber = z.string().regex(/^\+?[0-9*#]+$/, "a directory number (digits, *, #, leading +)");

const explicitPhone = z.object({
  mac: z.string().refine((mac) => normalizeMac(mac) !== null, "a MAC address"),
  type: z.string().refine((type) => phoneModel(type) !== undefined, "a known phone type"),
  /** Defaults to the model's usual protocol (88xx/78xx SIP, the rest SCCP). */
  protocol: z.enum(PROTOCOLS).optional(),
  tag: z.number().int().positive().optional(),
  /** Directory numbers on buttons 1..n; the same number on two phones makes a shared line. */
  lines: z.array(directoryNumber).default([]),
  userName: z.string().min(1).max(19).optional(),
  password: z.string().min(1).max(19).optional(),
  /** Display name of the first line, e.g. "Peter Lee". */
  name: z.string().optional(),
  keyPhone: z.boolean().default(false),
  status: z.enum(REGISTRATION_STATUSES).default("registered"),
  address: z.string().optional(),
  description: z.string().optional(),
});
export type ExplicitPhone = z.input<typeof explicitPhone>;

const explicitExtension = z.object({
  number: directoryNumber,
  name: z.string().optional(),
  label: z.string().optional(),
  callForwardAll: directoryNumber.optional(),
});
export type ExplicitExtension = z.input<typeof explicitExtension>;

export const generatedFleetSchema = z.object({
  seed: z.number().int(),
  ephones: z.number().int().min(0).max(5000).default(20),
  pools: z.number().int().min(0).max(5000).default(4),
});
export const explicitFleetSchema = z.object({
  phones: z.array(explicitPhone),
  /** Extra detail for (or extra unassigned) directory numbers. */
  extensions: z.array(explicitExtension).default([]),
});
export const fleetSchema = z.union([generatedFleetSchema, explicitFleetSchema]);
export type FleetSpec = z.input<typeof fleetSchema>;
export type ResolvedFleetSpec = z.output<typeof fleetSchema>;

export const cmeSimulatorOptionsSchema = z.object({
  port: z.number().int().min(0).max(65535).default(0),
  host: z.string().default("127.0.0.1"),
  /** The router's `xml user <name> password <pw>`: HTTP Basic credentials, at most 19 characters. */
  xmlUser: z.string().min(1).max(19).default("cisco"),
  xmlPassword: z.string().min(1).max(19).default("cisco"),
  dialect: z.enum(DIALECTS).default("2008"),
  fleet: fleetSchema.default({ seed: 1, ephones: 20, pools: 4 }),
  latencyMs: z.number().min(0).default(0),
  failure: z.enum(FAILURE_MODES).nullable().default(null),
  quirks: z.union([z.boolean(), z.array(z.enum(QUIRKS))]).default(false),
  /** POST /__sim/control; the demo turns it off. */
  controlEndpoint: z.boolean().default(true),
  /** Milliseconds since the epoch; tests inject one so event retention needs no waiting. */
  clock: z.custom<() => number>((value) => typeof value === "function").optional(),
  /**
   * Registration churn on a timer, off by default: each tick `phones` registered phones drop and
   * those dropped `returnAfterTicks` ticks before register again (ordinary noise around a steady share).
   */
  churn: z
    .object({
      everyMs: z.number().positive(),
      phones: z.number().int().positive().default(1),
      returnAfterTicks: z.number().int().positive().default(2),
    })
    .nullable()
    .default(null),
  /** The router's `log table max-size` and `retain-timer`. */
  eventLog: z
    .object({ maxSize: z.number().int().min(1).default(150), retainMinutes: z.number().positive().default(15) })
    .prefault({}),
  /** slow-drip: one byte of the reply per interval. */
  dripIntervalMs: z.number().positive().default(100),
  /** buffer-overflow: replies with more full entities than this come back cut. */
  overflowAfter: z.number().int().min(1).default(1),
  /** Newer-form and large-router behaviour (behaviour.ts); the defaults keep the seed's. */
  behaviour: behaviourSchema.prefault({}),
  router: z
    .object({
      hostname: z.string().default("cme-sim"),
      address: z.string().default("10.10.10.1"),
      /** ISMode: ITS for CME, SRST for a survivable branch router. */
      mode: z.enum(["ITS", "SRST"]).default("ITS"),
      version: z.string().optional(),
    })
    .prefault({}),
});

export type CmeSimulatorOptions = z.input<typeof cmeSimulatorOptionsSchema>;
export type ResolvedOptions = z.output<typeof cmeSimulatorOptionsSchema>;

export function activeQuirks(quirks: boolean | readonly Quirk[]): ReadonlySet<Quirk> {
  if (quirks === true) return new Set(QUIRKS);
  if (quirks === false) return new Set();
  return new Set(quirks);
}
