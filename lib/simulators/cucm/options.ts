// The simulator's options, validated once; the settings tests may change at run time live in
// `SimulatorSettings`, shared by every node.
import { z } from "zod";
import { ctiApplicationSpecSchema } from "./cti-fleet";
import { deviceSpecSchema } from "./device-spec";

export const cucmSimulatorOptionsSchema = z.object({
  /** Number of CUCM nodes (K); each gets its own loopback port. */
  nodes: z.number().int().min(1).max(64).default(2),
  /** Node names; defaults to cucm1..cucmK. */
  nodeNames: z.array(z.string().min(1)).optional(),
  /** Generated devices (N). */
  devices: z.number().int().min(0).max(500_000).default(200),
  seed: z.union([z.number(), z.string()]).default(1),
  /** Devices added after the generated fleet, replacing generated ones of the same name. */
  explicitDevices: z.array(deviceSpecSchema).default([]),
  ctiApplications: z.number().int().min(0).max(10_000).default(6),
  explicitCtiApplications: z.array(ctiApplicationSpecSchema).default([]),
  /** Share of generated devices that start with a stale copy on another node. */
  staleShare: z.number().min(0).max(1).default(0.02),
  /** Most devices (or CTI items) in one reply; 1000 on current CUCM, some versions 2000 or 200. */
  replyCap: z.number().int().min(1).max(100_000).default(1000),
  budgetPerMinute: z.number().int().min(1).default(15),
  budgetWindow: z.enum(["rolling", "fixed"]).default("rolling"),
  credentials: z
    .object({ user: z.string().min(1), password: z.string() })
    .default({ user: "risuser", password: "risuser" }),
  /** Delay added before every RisPort reply. */
  latencyMs: z.number().min(0).default(0),
  host: z.string().default("127.0.0.1"),
  /** 0 gives every node a free port; otherwise node i listens on basePort + i. */
  basePort: z.number().int().min(0).max(65_535).default(0),
  /** Serve POST /__sim/control and GET /__sim/state on every node. */
  controlEndpoint: z.boolean().default(true),
  /** Time source in ms (Date.now by default); control.setClock overrides it. */
  clock: z.custom<() => number>((value) => typeof value === "function").optional(),
  noChangeScope: z.enum(["node", "cluster"]).default("node"),
  zeroResult: z.enum(["per-node", "nil-nodes"]).default("per-node"),
  /** How SelectItems match names: regardless of case (the default) or exactly, which real clusters may do. */
  nameMatching: z.enum(["case-insensitive", "case-sensitive"]).default("case-insensitive"),
  /** Most SelectItems one request may carry; more is a SOAP fault. Absent: no limit. */
  maxSelectItems: z.number().int().min(1).optional(),
  /** Answer an authenticated request without a session cookie with Set-Cookie JSESSIONID / JSESSIONIDSSO. */
  sessionCookies: z.boolean().default(true),
  /** Share of generated devices named in lower or mixed case. */
  mixedCaseShare: z.number().min(0).max(1).default(0),
  /** Configured phones that never register: AXL lists them, RisPort never reports them. */
  neverRegistered: z.number().int().min(0).max(500_000).default(0),
  /** AXL schema versions the cluster accepts (the namespace's `<ver>`); others get HTTP 599. */
  axlVersions: z
    .array(z.string().regex(/^\d+\.\d+$/))
    .min(1)
    .default(["11.5", "12.0", "12.5", "14.0", "15.0"]),
  /** The cluster's full version, as getCCMVersion reports it. */
  axlVersion: z.string().min(1).default("14.0.1.11900(132)"),
  /** Most rows a listPhone or executeSQLQuery may return; stands in for Cisco's 8 MB reply limit. */
  axlMaxRows: z.number().int().min(1).default(2000),
  /** How long (simulator clock) a device reset by doDeviceReset stays UnRegistered. */
  axlResetDelayMs: z.number().int().min(0).default(5000),
  /** Most AXL requests in progress at once; more get HTTP 503. */
  axlConcurrency: z.number().int().min(1).default(3),
});

export type CucmSimulatorOptions = z.input<typeof cucmSimulatorOptionsSchema>;

export interface SimulatorSettings {
  replyCap: number;
  nameMatching: "case-insensitive" | "case-sensitive";
  maxSelectItems: number | null;
  sessionCookies: boolean;
  latencyMs: number;
  noChangeScope: "node" | "cluster";
  zeroResult: "per-node" | "nil-nodes";
  credentials: { user: string; password: string };
  axlMaxRows: number;
  axlResetDelayMs: number;
  axlConcurrency: number;
}
