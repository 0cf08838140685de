// The RisPort70 client of one cluster: every request goes through the cluster's budget, a node
// that cannot be reached hands the request to the next one, and replies come back merged with
// each node's outcome.
import { RateLimited, TimeoutError, TransportError, isSoapError } from "@/lib/soap/errors";
import type { CookieJar } from "@/lib/soap/cookies";
import type { parseXml } from "@/lib/soap/parse";
import { interpretSoapReply } from "@/lib/soap/reply";
import { postXml, type PostXmlOptions, type TlsTrust, type XmlReply } from "@/lib/soap/transport";
import { BudgetSpent, type RateBudget } from "../budget/budget";
import { mergeDeviceRecords } from "../sweep/merge";
import { readSelectCmDeviceReply, readSelectCtiItemReply, throwIfFault, type RawSelectReply } from "./replies";
import {
  DEFAULT_ITEMS_PER_REQUEST,
  DEFAULT_REPLY_CAP,
  DOCUMENTED_REPLY_CAP,
  buildSelectCmDevice,
  buildSelectCtiItem,
  type CmSelectionCriteria,
  type CtiSelectionCriteria,
  type RisportMethod,
} from "./requests";
import { stateInfoTotals } from "./state-info";
import type { ClusterDevice, CtiItem, NodeOutcome } from "../types";

export type RisportClientOptions = {
  /** RISService70 URLs of the cluster's nodes, in the order to try them. */
  nodes: string[];
  username: string;
  password: string;
  tls?: TlsTrust;
  timeoutMs?: number;
  connectTimeoutMs?: number;
  maxReplyBytes?: number;
  /** Most records the cluster returns in one reply (1000 on most versions). */
  replyCap?: number;
  /**
   * An admin checked that the cluster returns more than 1000 devices per reply. Without it a cap
   * above 1000 is brought down to 1000, and any reply of 1000 or more counts as cut.
   */
  replyCapChecked?: boolean;
  /** Most SelectItems in one request (the seed's "500 devices at a time"); the sweep keeps to it. */
  maxItemsPerRequest?: number;
  budget: RateBudget;
  /** Session cookies per node (JSESSIONID / JSESSIONIDSSO), reused instead of Basic on every request. */
  cookies?: CookieJar;
  /** The transport; tests may pass a fake. */
  post?: (options: PostXmlOptions) => Promise<XmlReply>;
};

export type QueryOptions = {
  /** StateInfo from the previous identical query, so an unchanged answer comes back as NoChange. */
  stateInfo?: string;
  /** Wait for a budget slot (sweeps, the default) or fail at once with BudgetSpent (a person waiting). */
  wait?: boolean;
  /** Latest moment (clock ms) worth waiting for a slot. */
  deadline?: number;
  signal?: AbortSignal;
  /** Called for every request sent (a failover sends more than one), after its budget slot. */
  onAttempt?: (url: string) => void;
};

type QueryResult = {
  nodes: NodeOutcome[];
  /** Every answering node said NoChange: keep what the previous identical query returned. */
  noChange: boolean;
  stateInfo: string;
  totalFound: number;
  /** The reply may be missing records: it hit the cap (see possiblyCut), or StateInfo says more were found. */
  truncated: boolean;
  /** The node URL that answered. */
  answeredBy: string;
};

export type DeviceQueryResult = QueryResult & {
  /** One record per device, the newest across nodes. */
  devices: ClusterDevice[];
  /** Every record as the nodes sent them, duplicates included. */
  records: ClusterDevice[];
};

export type CtiQueryResult = QueryResult & { items: CtiItem[] };

export interface RisportClient {
  readonly replyCap: number;
  readonly maxItemsPerRequest: number;
  readonly budget: RateBudget;
  selectCmDevice(criteria: CmSelectionCriteria, options?: QueryOptions): Promise<DeviceQueryResult>;
  /** Cisco's deduplicated variant; it takes no `*` wildcard. */
  selectCmDeviceExt(criteria: CmSelectionCriteria, options?: QueryOptions): Promise<DeviceQueryResult>;
  selectCtiItem(criteria: CtiSelectionCriteria, options?: QueryOptions): Promise<CtiQueryResult>;
}

/** Another node may answer when this one is off the network; a certificate problem is everywhere. */
function worthNextNode(error: unknown): boolean {
  if (error instanceof TimeoutError) return true;
  return error instanceof TransportError && !/CERT|TLS|SSL|HOSTNAME|ABORT/i.test(error.code ?? "");
}

/** Turns one HTTP reply into a parsed document, or the typed error it stands for. */
export function interpretReply(reply: XmlReply): ReturnType<typeof parseXml> {
  return interpretSoapReply(reply, "RisPort", throwIfFault);
}

/**
 * Whether a reply of `records` may have been cut. RisPort returns at most 1000 whatever
 * MaxReturnedDevices asks and never says it cut (the seed), so the test does not trust the
 * configured cap alone: exactly the cap, or 1000 or more, is cut. A cluster checked to return
 * more than 1000 still has exactly 1000 treated as cut (the documented cap may apply after all).
 */
export function possiblyCut(records: number, cap: number, capChecked = false): boolean {
  if (records >= cap || records === DOCUMENTED_REPLY_CAP) return true;
  return !capChecked && records >= DOCUMENTED_REPLY_CAP;
}

function summarize<T>(raw: RawSelectReply<T>, cut: (records: number) => boolean, answeredBy: string) {
  const records = raw.nodes.flatMap((node) => node.records);
  const answering = raw.nodes.filter((node) => node.outcome.returnCode === "Ok");
  const totals = stateInfoTotals(raw.stateInfo);
  return {
    records,
    nodes: raw.nodes.map((node) => node.outcome),
    noChange: answering.length > 0 && answering.every((node) => node.outcome.noChange),
    stateInfo: raw.stateInfo,
    totalFound: raw.totalFound,
    truncated: cut(records.length) || (totals !== null && totals.found > totals.returned),
    answeredBy,
  };
}

export function createRisportClient(options: RisportClientOptions): RisportClient {
  if (options.nodes.length === 0) throw new RangeError("a cluster needs at least one node URL");
  const { budget } = options;
  const capChecked = options.replyCapChecked ?? false;
  const configuredCap = options.replyCap ?? DEFAULT_REPLY_CAP;
  const replyCap = capChecked ? configuredCap : Math.min(configuredCap, DOCUMENTED_REPLY_CAP);
  const maxItemsPerRequest = options.maxItemsPerRequest ?? DEFAULT_ITEMS_PER_REQUEST;
  if (!Number.isInteger(maxItemsPerRequest) || maxItemsPerRequest < 1)
    throw new RangeError("maxItemsPerRequest must be a positive integer");
  const post = options.post ?? postXml;
  let preferred = 0;

  async function takeSlot(query: QueryOptions): Promise<void> {
    if (query.wait === false) {
      const answer = await budget.tryTake();
      if (!answer.granted) throw new BudgetSpent(answer.nextSlotAt, budget.clock(), answer.paused);
      return;
    }
    await budget.take({ signal: query.signal, deadline: query.deadline });
  }

  /** Sends one request, trying each node once from the last one that answered. */
  async function send(method: RisportMethod, body: string, query: QueryOptions) {
    let lastError: unknown;
    for (let attempt = 0; attempt < options.nodes.length; attempt++) {
      const index = (preferred + attempt) % options.nodes.length;
      const url = options.nodes[index] as string;
      await takeSlot(query);
      query.onAttempt?.(url);
      try {
        const reply = await post({
          url,
          body,
          username: options.username,
          password: options.password,
          tls: options.tls,
          soapAction: method,
          contentType: "text/xml; charset=utf-8",
          connectTimeoutMs: options.connectTimeoutMs,
          timeoutMs: options.timeoutMs ?? 60_000,
          maxReplyBytes: options.maxReplyBytes ?? 32 * 1024 * 1024,
          signal: query.signal,
          cookies: options.cookies,
        });
        const document = interpretReply(reply);
        preferred = index;
        return { document, url };
      } catch (error) {
        if (error instanceof RateLimited) {
          await budget.rateLimited(error.retryAfterMs);
          throw error;
        }
        if (!worthNextNode(error)) throw error;
        lastError = error;
      }
    }
    throw isSoapError(lastError)
      ? lastError
      : new TransportError("no node answered", "No node of the cluster answered.");
  }

  async function selectDevices(
    method: "selectCmDevice" | "selectCmDeviceExt",
    criteria: CmSelectionCriteria,
    query: QueryOptions = {},
  ): Promise<DeviceQueryResult> {
    const cap = Math.min(criteria.maxReturnedDevices ?? replyCap, replyCap);
    const body = buildSelectCmDevice(method, { ...criteria, maxReturnedDevices: cap }, query.stateInfo ?? "");
    const { document, url } = await send(method, body, query);
    const summary = summarize(
      readSelectCmDeviceReply(document),
      (records) => possiblyCut(records, cap, capChecked),
      url,
    );
    return { ...summary, devices: mergeDeviceRecords(summary.records) };
  }

  return {
    replyCap,
    maxItemsPerRequest,
    budget,
    selectCmDevice: (criteria, query) => selectDevices("selectCmDevice", criteria, query),
    selectCmDeviceExt: (criteria, query) => selectDevices("selectCmDeviceExt", criteria, query),
    async selectCtiItem(criteria, query = {}) {
      const cap = Math.min(criteria.maxReturnedItems ?? replyCap, replyCap);
      const body = buildSelectCtiItem({ ...criteria, maxReturnedItems: cap }, query.stateInfo ?? "");
      const { document, url } = await send("selectCtiItem", body, query);
      const { records, ...summary } = summarize(
        readSelectCtiItemReply(document),
        (count) => possiblyCut(count, cap, capChecked),
        url,
      );
      return { ...summary, items: records };
    },
  };
}
