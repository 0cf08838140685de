// What "Test connection" reports: what the router or cluster said, or the typed failure in plain
// words. One zod schema for the API contract, the CLI and the page.
import { z } from "zod";
import { sourceKindSchema } from "./source";

export const routerFindingsSchema = z.object({
  hostName: z.string().nullable(),
  /** ITS (CME) or SRST. */
  mode: z.string().nullable(),
  version: z.string().nullable(),
  address: z.string().nullable(),
  registeredPhones: z.number().nullable(),
  configuredPhones: z.number().nullable(),
  configuredExtensions: z.number().nullable(),
  /** The reply dialect the router speaks: 2008 or 2010. */
  dialect: z.string().nullable(),
});

export const clusterFindingsSchema = z.object({
  /** host:port of the node that answered. */
  answeredBy: z.string(),
  nodes: z.array(z.object({ node: z.string(), returnCode: z.string() })),
  sampleDevice: z
    .object({ name: z.string(), registrationStatus: z.string(), node: z.string(), model: z.string() })
    .nullable(),
  /** Requests a minute Linewatch may send this cluster (budget minus reserve); the test used one. */
  budgetLimit: z.number(),
});

export const testFailureSchema = z.object({
  /** The error's kind: auth, timeout, transport, protocol, fault, rate-limited, unsafe-input, secret, internal. */
  kind: z.string(),
  /** AuthError, TimeoutError, TransportError, ProtocolError, SoapFault, RateLimited, … */
  type: z.string(),
  message: z.string(),
  retryAfterMs: z.number().nullable(),
});

export const connectionTestResultSchema = z.object({
  ok: z.boolean(),
  kind: sourceKindSchema,
  /** One line in plain words. */
  summary: z.string(),
  durationMs: z.number(),
  router: routerFindingsSchema.nullable(),
  cluster: clusterFindingsSchema.nullable(),
  error: testFailureSchema.nullable(),
});
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>;
export type TestFailure = z.infer<typeof testFailureSchema>;
