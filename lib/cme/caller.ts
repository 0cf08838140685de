// Sends one CME XML API request to one router: builds the envelope, waits its turn in the
// router's queue, posts with HTTP Basic, turns HTTP statuses into typed errors and learns which
// reply dialect the router speaks.
import {
  ProtocolError,
  RateLimited,
  SoapFault,
  UnsafeInputError,
  postXml,
  type TlsTrust,
  type XmlContent,
} from "@/lib/soap";
import { buildRequest, readReply, type CmeMethod, type CmeReply } from "./envelope";
import { refusalIn } from "./refusal";
import { oneAtATime, routerKey } from "./router-queue";
import type { CmeDialect } from "./types";

export interface CmeConnectionOptions {
  /** http(s)://router[:port]; the client adds /ios_xml_app/cme. */
  baseUrl: string;
  username: string;
  password: string;
  tls?: TlsTrust;
  /** Per request, connect to last byte. Routers answer within 60 s at most; default 30 s. */
  timeoutMs?: number;
  connectTimeoutMs?: number;
  maxReplyBytes?: number;
  /** Which form to speak; "auto" (default) learns it from the router's replies. */
  dialect?: CmeDialect | "auto";
  /** With "auto": the form learned on an earlier poll (stored with the source); replies still correct it. */
  knownDialect?: CmeDialect;
}

export interface CmeCaller {
  readonly endpoint: string;
  /** Sends one request; `parameters` may depend on the router's dialect (keyword spelling). */
  call(method: CmeMethod, parameters?: XmlContent | ((dialect: CmeDialect) => XmlContent)): Promise<CmeReply>;
  /** The router's dialect: configured, learned from an earlier reply, or probed once. */
  dialect(): Promise<CmeDialect>;
  /** The dialect known so far without asking the router (undefined before any telling reply). */
  knownDialect(): CmeDialect | undefined;
  /** HTTP round trips made so far (benchmarks, diagnostics). */
  readonly roundTrips: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Replies whose shape tells the router's form. ISexecCLI and ISSaveConfig keep xsi:type in the newer
 * form too, and the methods the newer guide dropped are unverified there: none of them may flip
 * the learned form back to 2008. The newer guide's other getters exist only in the newer form.
 */
const TELLS_THE_FORM = new Set<CmeMethod>([
  "ISgetGlobal",
  "ISgetDevice",
  "ISgetExtension",
  "ISgetSipDevice",
  "ISgetSipExtension",
  "ISgetVoiceRegGlobal",
  "ISgetSessionServer",
  "ISgetPresenceGlobal",
  "ISgetUser",
]);
const PATH = "/ios_xml_app/cme";

export function cmeEndpoint(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new UnsafeInputError("address", "The router address is not a valid URL.");
  }
  if (url.search || url.hash)
    throw new UnsafeInputError("address", "The router address must not have a query or fragment.");
  const base = url.toString().replace(/\/+$/, "");
  return base.endsWith(PATH) ? base : `${base}${PATH}`;
}

function retryAfterMs(header: string | undefined): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export function createCaller(options: CmeConnectionOptions): CmeCaller {
  const endpoint = cmeEndpoint(options.baseUrl);
  const queueKey = routerKey(endpoint);
  const auto = options.dialect === undefined || options.dialect === "auto";
  let learned: CmeDialect | undefined = auto ? options.knownDialect : (options.dialect as CmeDialect);
  let probe: Promise<CmeDialect> | undefined;
  let roundTrips = 0;

  async function exchange(method: CmeMethod, body: string): Promise<CmeReply> {
    const reply = await oneAtATime(queueKey, () => {
      roundTrips++;
      return postXml({
        url: endpoint,
        body,
        username: options.username,
        password: options.password,
        tls: options.tls,
        contentType: "text/xml",
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        connectTimeoutMs: options.connectTimeoutMs,
        maxReplyBytes: options.maxReplyBytes,
      });
    });
    if (reply.status === 429 || reply.status === 503) {
      throw new RateLimited(
        `HTTP ${reply.status} from router for ${method}`,
        retryAfterMs(reply.headers["retry-after"]),
      );
    }
    if (reply.status < 200 || reply.status >= 300) {
      let parsed: CmeReply | undefined;
      try {
        parsed = readReply(reply.body);
      } catch (error) {
        if (error instanceof SoapFault) throw error; // the most specific account of the failure
      }
      throw new ProtocolError(
        "http-status",
        `HTTP ${reply.status} from router for ${method}${parsed ? " (with a <response>)" : ""}`,
      );
    }
    const parsed = readReply(reply.body);
    const refused = refusalIn(method, parsed.response);
    if (refused) throw refused;
    if (auto && TELLS_THE_FORM.has(method)) learned = parsed.dialect;
    return parsed;
  }

  async function dialect(): Promise<CmeDialect> {
    if (learned) return learned;
    // ISgetGlobal is cheap and its reply shape alone tells the dialect.
    probe ??= exchange("ISgetGlobal", buildRequest("ISgetGlobal")).then(
      (reply) => reply.dialect,
      (error: unknown) => {
        probe = undefined;
        throw error;
      },
    );
    return probe;
  }

  return {
    endpoint,
    get roundTrips() {
      return roundTrips;
    },
    dialect,
    knownDialect: () => learned,
    async call(method, parameters) {
      if (typeof parameters === "function") parameters("2008"); // validates input before even probing
      const content = typeof parameters === "function" ? parameters(await dialect()) : parameters;
      return exchange(method, buildRequest(method, content));
    },
  };
}
