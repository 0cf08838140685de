// One query of a sweep, with the sweep's bookkeeping: requests counted, each node's outcome
// tallied, a RateControl fault waited out (the budget is already paused by the client), and
// failures sorted into "skip this query" and "stop the sweep".
import { RateLimited, SoapFault, isSoapError } from "@/lib/soap/errors";
import { BudgetSpent } from "../budget/budget";
import type { DeviceQueryResult, RisportClient } from "../client/client";
import type { ReturnCode } from "../client/enums";
import type { NameCase } from "./prefixes";

export type SweepClient = Pick<RisportClient, "replyCap" | "selectCmDevice" | "selectCmDeviceExt"> &
  Partial<Pick<RisportClient, "maxItemsPerRequest">>;

export type SweepNodeOutcome = {
  node: string;
  /** Replies that listed the node. */
  replies: number;
  noChange: number;
  /** Replies where the node was not Ok (NotFound is an answer, not a failure). */
  failures: number;
  lastReturnCode: ReturnCode;
};

export type SweepProblem = { kind: string; message: string; userMessage: string };

/** Why a sweep stopped early: budget spent, credentials refused, no node reachable... */
export class SweepStopped extends Error {
  constructor(readonly problem: SweepProblem) {
    super(problem.message);
  }
}

export type SweepContext = {
  client: SweepClient;
  cap: number;
  /** Most SelectItems in one request. */
  maxItems: number;
  /** How the cluster matches names (learned once, kept in the memory). */
  nameCase: NameCase;
  requests: number;
  /** Any node failure, skipped query or stop: nothing may be marked missing. */
  incomplete: boolean;
  nodeOutcomes: Map<string, SweepNodeOutcome>;
  problems: SweepProblem[];
  rateLimitRetries: number;
  maxRateLimitRetries: number;
  maxRequests: number;
  deadline?: number;
  signal?: AbortSignal;
};

export type SweepQuery = {
  method: "selectCmDevice" | "selectCmDeviceExt";
  items: string[];
  nodeName?: string;
  stateInfo?: string;
};

const answered = (code: ReturnCode) => code === "Ok" || code === "NotFound";

/** A slice of names whose reply stayed cut however it was split: those devices are not all confirmed. */
export function stillCut(items: readonly string[]): SweepProblem {
  const shown = items.slice(0, 3).join(", ") + (items.length > 3 ? ", ..." : "");
  return {
    kind: "slice-cut",
    message: `reply for ${shown} still fills the reply cap after splitting`,
    userMessage: `Slice still cut: the reply for ${shown} stayed at the reply cap however it was split, so some devices there may be unlisted.`,
  };
}

function describe(error: unknown): SweepProblem {
  if (isSoapError(error)) return { kind: error.kind, message: error.message, userMessage: error.userMessage };
  const message = error instanceof Error ? error.message : String(error);
  return { kind: "internal", message, userMessage: "The sweep stopped on an unexpected error." };
}

function tally(context: SweepContext, result: DeviceQueryResult): void {
  for (const outcome of result.nodes) {
    const entry = context.nodeOutcomes.get(outcome.node) ?? {
      node: outcome.node,
      replies: 0,
      noChange: 0,
      failures: 0,
      lastReturnCode: outcome.returnCode,
    };
    entry.replies++;
    if (outcome.noChange) entry.noChange++;
    if (!answered(outcome.returnCode)) entry.failures++;
    entry.lastReturnCode = outcome.returnCode;
    context.nodeOutcomes.set(outcome.node, entry);
  }
}

/** Nodes of a reply whose records cannot be trusted as complete. */
export function failedNodes(result: DeviceQueryResult): string[] {
  return result.nodes.filter((node) => !answered(node.returnCode)).map((node) => node.node);
}

/**
 * Sends one query. Returns null when the server refused this query with a fault (recorded; the
 * sweep goes on but is incomplete); throws SweepStopped when nothing more can be asked.
 */
export async function ask(context: SweepContext, query: SweepQuery): Promise<DeviceQueryResult | null> {
  for (;;) {
    if (context.requests >= context.maxRequests) {
      throw new SweepStopped({
        kind: "request-limit",
        message: `sweep request limit ${context.maxRequests} reached`,
        userMessage: "The sweep used all the requests it may use in one run.",
      });
    }
    try {
      const criteria = {
        selectBy: "Name" as const,
        selectItems: query.items,
        nodeName: query.nodeName ?? "",
        maxReturnedDevices: context.cap,
      };
      const options = {
        stateInfo: query.stateInfo,
        deadline: context.deadline,
        signal: context.signal,
        onAttempt: () => void context.requests++,
      };
      const result =
        query.method === "selectCmDeviceExt"
          ? await context.client.selectCmDeviceExt(criteria, options)
          : await context.client.selectCmDevice(criteria, options);
      tally(context, result);
      if (failedNodes(result).length > 0) context.incomplete = true;
      return result;
    } catch (error) {
      if (error instanceof RateLimited && !(error instanceof BudgetSpent)) {
        // The client paused the budget for a whole window; the next try waits for it.
        context.rateLimitRetries++;
        if (context.rateLimitRetries <= context.maxRateLimitRetries) continue;
      }
      context.incomplete = true;
      if (error instanceof SoapFault) {
        context.problems.push(describe(error));
        return null;
      }
      throw new SweepStopped(describe(error));
    }
  }
}
