// "Test connection": one cheap, real request. A router answers ISgetGlobal; a cluster answers a
// one-device selectCmDevice that takes its slot from the cluster's shared database budget
// without waiting, so a spent budget is reported rather than queued behind.
import { clusterBudget, clusterClient, routerClient } from "@/lib/inventory/clients";
import type { BudgetStore } from "@/lib/risport/budget/budget-store";
import { createDatabaseBudgetStore } from "@/lib/db/risport-budget";
import { isSoapError, RateLimited } from "@/lib/soap/errors";
import { SecretKeyError } from "@/lib/secrets/source-passwords";
import type { SourceKind, TlsSetting } from "@/lib/domain/source";
import { hostLabel } from "@/lib/domain/source-urls";
import type { ConnectionTestResult, TestFailure } from "@/lib/domain/source-test-result";

export interface ConnectionSettings {
  kind: SourceKind;
  urls: string[];
  username: string;
  password: string;
  tls: TlsSetting;
  timeoutMs: number;
  budgetPerMinute?: number | null;
  budgetReserve?: number | null;
  replyCap?: number | null;
  /** The key of the cluster's RisPort budget: the saved source's id. */
  budgetKey: string;
}

export interface TestDependencies {
  budgetStore?: BudgetStore;
  clock?: () => number;
}

const plural = (n: number | null, one: string, many = `${one}s`) =>
  n === null ? `? ${many}` : `${n} ${n === 1 ? one : many}`;

/** A thrown value as plain words for the person testing; never the internal message. */
export function describeFailure(error: unknown): TestFailure {
  if (isSoapError(error)) {
    return {
      kind: error.kind,
      // BudgetSpent is our own budget saying no: to people it is rate limiting all the same.
      type: error instanceof RateLimited ? "RateLimited" : error.name,
      message: error.userMessage,
      retryAfterMs: error instanceof RateLimited ? (error.retryAfterMs ?? null) : null,
    };
  }
  if (error instanceof SecretKeyError)
    return { kind: "secret", type: "SecretKeyError", message: error.message, retryAfterMs: null };
  return {
    kind: "internal",
    type: "Error",
    message: "The test failed unexpectedly; the server log has the details.",
    retryAfterMs: null,
  };
}

async function testRouter(settings: ConnectionSettings): Promise<Pick<ConnectionTestResult, "router" | "summary">> {
  const client = routerClient(settings);
  const status = await client.getSystemStatus();
  const dialect = await client.dialect(); // learned from the reply: no second request
  const router = {
    hostName: status.hostName,
    mode: status.mode,
    version: status.version,
    address: status.address,
    registeredPhones: status.registeredPhones,
    configuredPhones: status.configuredPhones,
    configuredExtensions: status.configuredExtensions,
    dialect,
  };
  const what = [status.mode === "SRST" ? "SRST router" : "CME router", status.hostName].filter(Boolean).join(" ");
  const version = status.version ? `, version ${status.version}` : "";
  const phones = `${status.registeredPhones ?? "?"} of ${plural(status.configuredPhones, "configured phone")} registered`;
  return {
    router,
    summary: `${what} answered${version}: ${phones}, ${plural(status.configuredExtensions, "extension")} (${dialect} replies).`,
  };
}

async function testCluster(
  settings: ConnectionSettings,
  deps: TestDependencies,
): Promise<Pick<ConnectionTestResult, "cluster" | "summary">> {
  const connection = { ...settings, id: settings.budgetKey };
  const budget = clusterBudget(connection, deps.budgetStore ?? createDatabaseBudgetStore(), deps.clock ?? Date.now);
  const client = clusterClient(connection, budget);
  const reply = await client.selectCmDevice(
    { maxReturnedDevices: 1, selectBy: "Name", selectItems: ["*"] },
    { wait: false },
  );
  const device = reply.devices[0];
  const cluster = {
    answeredBy: hostLabel(reply.answeredBy),
    nodes: reply.nodes.map((n) => ({ node: n.node, returnCode: n.returnCode })),
    sampleDevice: device
      ? {
          name: device.name,
          registrationStatus: device.registrationStatus,
          node: device.node,
          model: device.model.name,
        }
      : null,
    budgetLimit: budget.limit,
  };
  const answering = cluster.nodes.filter((n) => n.returnCode === "Ok" || n.returnCode === "NotFound").length;
  const found = device
    ? `found ${device.name} (${device.registrationStatus} on ${device.node})`
    : "no devices found yet";
  return {
    cluster,
    summary: `Cluster answered from ${cluster.answeredBy}: ${answering} of ${plural(cluster.nodes.length, "node")} reporting, ${found}.`,
  };
}

/** Never throws for a device problem: the failure is part of the result. */
export async function testConnection(
  settings: ConnectionSettings,
  deps: TestDependencies = {},
): Promise<ConnectionTestResult> {
  const started = performance.now();
  const durationMs = () => Math.round(performance.now() - started);
  try {
    if (settings.kind === "cme") {
      const { router, summary } = await testRouter(settings);
      return { ok: true, kind: "cme", summary, durationMs: durationMs(), router, cluster: null, error: null };
    }
    const { cluster, summary } = await testCluster(settings, deps);
    return { ok: true, kind: "cucm", summary, durationMs: durationMs(), router: null, cluster, error: null };
  } catch (error) {
    const failure = describeFailure(error);
    if (failure.kind === "internal") throw error;
    return {
      ok: false,
      kind: settings.kind,
      summary: failure.message,
      durationMs: durationMs(),
      router: null,
      cluster: null,
      error: failure,
    };
  }
}
