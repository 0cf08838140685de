// The stored inventory as the API reads it: phones (with detail and history), extensions, CTI
// applications and the fleet overview. Lists page on the server; format=csv exports a filter.
import { z } from "zod";
import { defineContract } from "../contract";
import { pageQuery, REFRESHED_VIEW_REUSE_MS } from "./shared";
import {
  NOT_REGISTERED,
  ctiStatuses,
  effectiveStatuses,
  parseStatusList,
  registrationStatuses,
} from "@/lib/domain/status";
import { deviceKinds } from "@/lib/domain/device-classes";
import { LOOKUP_MAX_ITEMS } from "@/lib/domain/lookup";
import { deviceClass } from "@/lib/domain/risport-enums";
import { isTimeZone, trendRanges } from "@/lib/domain/trend";

const registrationStatus = z.enum(registrationStatuses);
/** One status, several separated by commas, or "not-registered". */
const statusList = z
  .string()
  .max(200)
  .transform((text, ctx) => {
    const { statuses, unknown } = parseStatusList(text);
    if (unknown.length > 0 || statuses.length === 0) {
      ctx.addIssue({
        code: "custom",
        message: `Unknown status ${unknown.map((w) => `"${w}"`).join(", ") || "(none given)"}: use ${[...effectiveStatuses, NOT_REGISTERED].join(", ")}`,
      });
      return z.NEVER;
    }
    return statuses;
  });
const effectiveStatus = z.enum(effectiveStatuses);
const direction = z.enum(["asc", "desc"]).default("asc");
const format = z.enum(["json", "csv"]).default("json");
/** bom=1: the CSV starts with a UTF-8 byte order mark, so Excel reads names and accents right. */
export const csvBom = z
  .enum(["0", "1"])
  .optional()
  .describe("With format=csv: 1 starts the file with a UTF-8 byte order mark (for Excel)");
const idText = z.string().trim().min(1).max(64);
const boolText = z.enum(["true", "false"]).transform((v) => v === "true");
const page = { page: z.number(), pageSize: z.number(), total: z.number() };

export const statusCountsSchema = z.object({
  registered: z.number(),
  unregistered: z.number(),
  rejected: z.number(),
  partiallyRegistered: z.number(),
  unknown: z.number(),
});
/** What a trend point counts: configured phones RisPort does not show are unregistered there. */
export const trendCountsSchema = statusCountsSchema.extend({
  inFallback: z.number().describe("Unregistered or gone on their cluster, registered on an SRST/CME router"),
});
export const effectiveCountsSchema = trendCountsSchema.extend({
  neverRegistered: z
    .number()
    .describe("Configured on a cluster with AXL, never reported by RisPort (spare or not yet deployed phones)"),
  notSeen: z
    .number()
    .describe("Configured on a cluster with AXL, not reported by RisPort for the organisation's not-seen days"),
});

export const phoneRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  mac: z.string().nullable().describe("Cisco dotted form, 000D.BC80.EB51"),
  deviceClass: z.string(),
  model: z.string(),
  protocol: z.string(),
  description: z.string(),
  userName: z.string(),
  effectiveStatus: effectiveStatus.describe(
    "The device's state across every source reporting it: in-fallback = unregistered or gone on its cluster while registered on an SRST/CME router",
  ),
  fallbackSourceId: z.string().nullable(),
  fallbackRouter: z.string().nullable().describe("The router a device in fallback is registered to"),
  effectiveChangedAt: z.string(),
  registrationStatus: registrationStatus.describe("What this row's source reports"),
  statusReason: z.string().describe("Why the phone is not registered, in words; empty when registered"),
  ipAddress: z.string(),
  ipv6Address: z.string(),
  firmware: z.string(),
  node: z.string().describe("The cluster node or router the record came from"),
  keyPhone: z.boolean().nullable(),
  primaryDn: z.string(),
  lineCount: z.number(),
  missing: z.boolean().describe("The source no longer reports this device"),
  statusChangedAt: z.string(),
  updatedAt: z.string(),
  sourceId: z.string(),
  sourceName: z.string(),
  sourceKind: z.string(),
  sourceSite: z.string(),
  site: z.string().describe("The device's site: its router's, or a site rule's for a cluster device"),
  devicePool: z
    .string()
    .describe("A cluster device's device pool, from its configured inventory (AXL); empty otherwise"),
  location: z.string().describe("A cluster device's location, from its configured inventory (AXL); empty otherwise"),
});

export const phoneSorts = ["name", "status", "model", "ip", "lastChange", "source"] as const;

export const listPhones = defineContract({
  method: "GET",
  path: "/phones",
  summary:
    "Phones across every router and cluster, one row per device (or per source's record with view=records), filtered, sorted and paged (format=csv exports the whole filtered list)",
  tag: "Inventory",
  permission: "viewInventory",
  shared: true,
  reuseMs: REFRESHED_VIEW_REUSE_MS,
  query: z.object({
    view: z
      .enum(["devices", "records"])
      .default("devices")
      .describe("devices: one row per device with its effective status; records: every source's own record and status"),
    source: idText.optional().describe("Source id"),
    site: z.string().max(200).optional(),
    status: statusList
      .optional()
      .describe(
        "The effective status (view=devices) or the source's own (view=records): one, several separated by commas, or not-registered (unregistered, rejected, partially-registered and unknown)",
      ),
    reason: z
      .string()
      .max(500)
      .optional()
      .describe("The stored reason exactly, as the overview's reason counts give it (empty: no reason reported)"),
    class: z
      .enum(deviceKinds)
      .default("phones")
      .describe(
        "phones (desk phones and soft clients, the default), desk-phones, soft-clients, infrastructure (trunks, gateways, media resources, voicemail ports, hunt lists, CTI ports) or all",
      ),
    deviceClass: deviceClass.optional().describe("One RisPort device class (SIPTrunk, Gateway, Cti, …)"),
    protocol: z.string().max(40).optional(),
    model: z.string().max(200).optional(),
    keyPhone: boolText.optional(),
    q: z
      .string()
      .max(200)
      .optional()
      .describe("Words matched against name, MAC (any notation), directory number, IP address, description and user"),
    includeMissing: boolText.optional().describe("Also list devices their source no longer reports"),
    sort: z
      .enum(phoneSorts)
      .default("name")
      .describe(
        "status sorts problems first: rejected, unregistered, partially registered, in fallback, unknown, registered",
      ),
    order: direction,
    format,
    bom: csvBom,
    ...pageQuery,
  }),
  response: z.object({
    items: z.array(phoneRowSchema),
    ...page,
    totalAtLeast: z
      .boolean()
      .optional()
      .describe(
        "true: a free-text search (q) matched more phones than were counted, so total is a lower bound (on PostgreSQL, a search with many matches is counted up to 1,000 past the page's start)",
      ),
    exact: z
      .array(phoneRowSchema)
      .optional()
      .describe(
        "A one-word search's exact matches (device name, MAC, first line's number, IP address), first page only: shown above the list",
      ),
  }),
  alsoProduces: ["text/csv"],
});

export const lookupPhones = defineContract({
  method: "POST",
  path: "/phone-lookup",
  summary:
    "Look up a pasted list of MACs (any notation), device names, directory numbers (any line) or IP addresses: each item's phones with their effective state, and the items nothing matched",
  tag: "Inventory",
  permission: "viewInventory",
  body: z
    .object({
      items: z.array(z.string().trim().min(1).max(64)).max(LOOKUP_MAX_ITEMS).optional(),
      text: z.string().max(50_000).optional().describe("Pasted text: items separated by lines, commas or spaces"),
    })
    .refine((b) => b.items !== undefined || b.text !== undefined, "Give items or text"),
  response: z.object({
    results: z.array(
      z.object({
        query: z.string(),
        kind: z.enum(["mac", "ip", "dn", "name"]).describe("What the item was taken for"),
        phones: z.array(phoneRowSchema),
      }),
    ),
    notFound: z.array(z.string()),
  }),
});

const jsonObject = z.record(z.string(), z.unknown());

export const phoneRecordSchema = phoneRowSchema.extend({
  lines: z.array(jsonObject).describe("Lines as the source reports them: dn, status and more"),
  detail: jsonObject.describe("Everything else the source reported (addresses, firmware download, ...)"),
  firstSeenAt: z.string(),
  restartable: z
    .boolean()
    .describe(
      "Whether POST /sources/{id}/phones/{name}/restart can restart this record: a current CME phone, or a cluster phone when the cluster source has AXL enabled (the caller's role is checked apart)",
    ),
});

export const phoneChangeSchema = z.object({
  id: z.number(),
  at: z.string(),
  sourceId: z.string(),
  sourceName: z.string(),
  subject: z.string(),
  change: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  reason: z.string().nullable(),
});

export const getPhone = defineContract({
  method: "GET",
  path: "/phones/{name}",
  summary:
    "One device from every source that reports it (by device name or MAC in any notation), with lines, addresses, firmware and its change history, newest first",
  tag: "Inventory",
  permission: "viewInventory",
  shared: true,
  params: z.object({ name: z.string().trim().min(1).max(100) }),
  response: z.object({
    name: z.string(),
    mac: z.string().nullable(),
    effectiveStatus: effectiveStatus,
    fallbackRouter: z.string().nullable(),
    site: z.string(),
    records: z.array(phoneRecordSchema).describe("Each source's record, the one representing the device first"),
    history: z.array(phoneChangeSchema),
    historyLimit: z.number().describe("At most this many changes are returned"),
    ctiControl: z
      .array(
        z.object({
          appId: z.string(),
          userId: z.string(),
          status: z.string(),
          reason: z.string(),
          sourceName: z.string(),
          deviceStatus: z.string(),
        }),
      )
      .describe("CTI applications that control this device, as the cluster's selectCtiItem reported them"),
  }),
});

export const extensionRowSchema = z.object({
  id: z.string(),
  key: z.string(),
  tag: z.string(),
  number: z.string(),
  secondaryNumber: z.string(),
  kind: z.string(),
  type: z.string(),
  status: z.string(),
  callStatus: z.string(),
  lineMode: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  forwardAll: z.string(),
  devices: z.array(z.string()),
  missing: z.boolean(),
  statusChangedAt: z.string(),
  sourceId: z.string(),
  sourceName: z.string(),
  site: z.string(),
});

export const listExtensions = defineContract({
  method: "GET",
  path: "/extensions",
  summary: "CME ephone-dns and SIP directory numbers, filtered and paged (format=csv exports the filtered list)",
  tag: "Inventory",
  permission: "viewInventory",
  shared: true,
  query: z.object({
    source: idText.optional(),
    status: z.string().max(40).optional().describe("up, down or unknown as the router says it"),
    q: z.string().max(200).optional().describe("Matches the number, secondary number and first / last name"),
    sort: z.enum(["number", "status", "name", "source", "lastChange"]).default("number"),
    order: direction,
    format,
    bom: csvBom,
    ...pageQuery,
  }),
  response: z.object({ items: z.array(extensionRowSchema), ...page }),
  alsoProduces: ["text/csv"],
});

export const ctiAppRowSchema = z.object({
  id: z.string(),
  appId: z.string(),
  userId: z.string(),
  address: z.string(),
  status: z.enum(ctiStatuses),
  reason: z.string(),
  node: z.string(),
  devices: z.array(z.unknown()),
  lines: z.array(z.unknown()),
  missing: z.boolean(),
  statusChangedAt: z.string(),
  sourceId: z.string(),
  sourceName: z.string(),
  site: z.string(),
});

export const listCtiApps = defineContract({
  method: "GET",
  path: "/cti-apps",
  summary:
    "CTI application connections per cluster, filtered and paged; sorting by status puts failed opens first (format=csv exports the filtered list)",
  tag: "Inventory",
  permission: "viewInventory",
  shared: true,
  query: z.object({
    source: idText.optional(),
    status: z.enum(ctiStatuses).optional(),
    sort: z.enum(["status", "appId", "user", "source", "lastChange"]).default("status"),
    order: direction,
    format,
    bom: csvBom,
    ...pageQuery,
  }),
  response: z.object({ items: z.array(ctiAppRowSchema), ...page }),
  alsoProduces: ["text/csv"],
});

const groupCounts = { counts: statusCountsSchema, total: z.number() };
const effectiveCounts = { counts: effectiveCountsSchema, total: z.number() };

export const siteEventSchema = z.object({
  id: z.string(),
  site: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable().describe("null while the outage lasts"),
  durationMinutes: z.number().describe("Until now while open"),
  phones: z.number().describe("The site's phones when it began"),
  peakOut: z.number().describe("Most phones out of registration at once"),
  out: z.number(),
  inFallback: z.number(),
  peakInFallback: z.number(),
  fallbackRouters: z.array(z.object({ sourceId: z.string(), name: z.string(), count: z.number() })),
  summary: z.string().describe("The event in words"),
});

export const sourceStateSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  site: z.string(),
  enabled: z.boolean(),
  health: z.string().describe("ok | degraded | unreachable | auth-failed | rate-limited | unknown"),
  state: z.enum(["ok", "stale", "failing", "waiting", "disabled"]),
  problem: z.string().nullable().describe("What is wrong, in words"),
  pollIntervalS: z.number(),
  lastAttemptAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  consecutiveFailures: z.number(),
});

export const getOverview = defineContract({
  method: "GET",
  path: "/overview",
  summary:
    "Registration across the fleet, per source, site, model and protocol; reasons, trend, biggest drops, flapping phones and source freshness",
  tag: "Inventory",
  permission: "viewInventory",
  shared: true,
  reuseMs: REFRESHED_VIEW_REUSE_MS,
  query: z.object({
    range: z.enum(trendRanges).default("24h"),
    tz: z
      .string()
      .max(64)
      .refine(isTimeZone, "tz must be an IANA time zone such as Europe/Berlin or America/Chicago")
      .optional()
      .describe(
        "The viewer's time zone for the trend's buckets and labels (LINEWATCH_TIME_ZONE, when set, wins); default UTC",
      ),
    scope: z
      .string()
      .max(250)
      .regex(/^(fleet|site:.*|source:.+)$/, "scope is fleet, site:<site> or source:<source id>")
      .default("fleet")
      .describe("Whose trend: fleet, site:<site> or source:<source id>"),
  }),
  response: z.object({
    generatedAt: z.string(),
    countedAt: z
      .string()
      .optional()
      .describe(
        "When the fleet, site, model, protocol, source and reason counts were made (kept by the poll worker, or now)",
      ),
    range: z.enum(trendRanges),
    fleet: z
      .object(effectiveCounts)
      .describe(
        "One count per phone (a phone on its cluster and its SRST router counts once), by effective status; infrastructure devices are counted in kinds only",
      ),
    bySource: z
      .array(
        z.object({
          sourceId: z.string(),
          name: z.string(),
          kind: z.string(),
          site: z.string(),
          ...groupCounts,
          standby: z
            .number()
            .describe(
              "Phone records not registered on this source whose phone is registered on its cluster: an SRST router's phones in normal times",
            ),
        }),
      )
      .describe("Each source's own phone records by the status it reports"),
    bySite: z.array(z.object({ site: z.string(), ...effectiveCounts })),
    byModel: z.array(z.object({ model: z.string(), ...effectiveCounts })),
    byProtocol: z.array(z.object({ protocol: z.string(), ...effectiveCounts })),
    siteEvents: z.array(siteEventSchema).describe("Site-outage hints open now or ended within the range, newest first"),
    kinds: z
      .object({
        deskPhones: z.object(effectiveCounts),
        softClients: z.object(effectiveCounts),
        infrastructure: z.object(effectiveCounts),
      })
      .describe(
        "Desk phones and soft clients (Jabber and similar, which sign off every evening) apart, and the infrastructure devices (trunks, gateways, media resources, voicemail ports, hunt lists, CTI ports) that the other counts leave out",
      ),
    notRegistered: z
      .array(
        z.object({
          status: registrationStatus,
          reason: z.string(),
          storedReason: z.string().describe("The reason as stored: the phones list's reason filter"),
          count: z.number(),
        }),
      )
      .describe("Phones not registered, grouped by status and reason in words, most first"),
    trend: z
      .object({
        bucketMinutes: z.number(),
        timeZone: z.string().describe("The zone the buckets start in (days from its midnight) and labels use"),
        scope: z.string(),
        points: z.array(
          trendCountsSchema.extend({
            at: z.string(),
            sampled: z.boolean().describe("false: no sample in the bucket (a gap, not a fall to zero)"),
          }),
        ),
      })
      .describe(
        "Phones per status in the scope, the latest 5-minute (24h) or hourly sample per bucket; the last point is now",
      ),
    drops: z.array(
      z.object({
        sourceId: z.string(),
        name: z.string(),
        site: z.string(),
        peak: z.number(),
        peakAt: z.string(),
        current: z.number(),
        drop: z.number(),
      }),
    ),
    flapping: z.array(
      z.object({
        sourceId: z.string(),
        sourceName: z.string(),
        name: z.string(),
        changes: z.number(),
        registrationStatus: registrationStatus.nullable(),
        lastChangeAt: z.string(),
      }),
    ),
    sources: z.array(sourceStateSchema),
  }),
});
