// "Test connection" against the CME simulator (both reply dialects) and the CUCM simulator over
// loopback: what each reports, and every failure in plain words, with the cluster's test drawing
// from the same database budget as its polls.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { startCmeSimulator, type CmeSimulator } from "@/lib/simulators/cme";
import { startCucmSimulator, type CucmSimulator } from "@/lib/simulators/cucm";
import { createSource } from "@/lib/db/sources";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";
import { testConnection, type ConnectionSettings } from "./test-connection";
import * as sourceService from "./service";

let database: TestDatabase;
let router2008: CmeSimulator;
let router2010: CmeSimulator;
let cluster: CucmSimulator;
const who = { actor: "test-admin" };

beforeAll(async () => {
  database = await startTestDatabase();
  forgetKeyForTests();
  [router2008, router2010, cluster] = await Promise.all([
    startCmeSimulator({
      dialect: "2008",
      xmlUser: "xml",
      xmlPassword: "router-pw",
      fleet: { seed: 3, ephones: 12, pools: 3 },
      router: { hostname: "leeds-srst", mode: "SRST" },
    }),
    startCmeSimulator({
      dialect: "2010",
      xmlUser: "xml",
      xmlPassword: "router-pw",
      fleet: { seed: 4, ephones: 8, pools: 2 },
      router: { hostname: "paris-cme", mode: "ITS" },
    }),
    startCucmSimulator({ nodes: 2, devices: 30, seed: 5, credentials: { user: "ris", password: "cluster-pw" } }),
  ]);
});
afterAll(async () => {
  await Promise.all([router2008?.close(), router2010?.close(), cluster?.close()]);
  await database?.stop();
});

const routerSettings = (url: string, password = "router-pw"): ConnectionSettings => ({
  kind: "cme",
  urls: [url],
  username: "xml",
  password,
  tls: { mode: "system" },
  timeoutMs: 5000,
  budgetKey: "unused",
});
const clusterBases = () => cluster.urls.map((u) => new URL(u).origin);
const clusterSettings = (overrides: Partial<ConnectionSettings> = {}): ConnectionSettings => ({
  kind: "cucm",
  urls: clusterBases(),
  username: "ris",
  password: "cluster-pw",
  tls: { mode: "system" },
  timeoutMs: 5000,
  budgetPerMinute: 15,
  budgetReserve: 3,
  budgetKey: "test-cluster",
  ...overrides,
});

describe("test connection: routers", () => {
  test.each([
    ["2008", () => router2008, "leeds-srst", "SRST router"],
    ["2010", () => router2010, "paris-cme", "CME router"],
  ] as const)("a %s router reports its name, version and phone counts", async (dialect, sim, hostName, what) => {
    const result = await testConnection(routerSettings(sim().url));
    expect(result.ok).toBe(true);
    expect(result.error).toBeNull();
    expect(result.router).toMatchObject({ hostName, dialect });
    expect(result.router!.configuredPhones).toBeGreaterThan(0);
    expect(result.router!.registeredPhones).not.toBeNull();
    expect(result.router!.version).toBeTruthy();
    expect(result.summary).toContain(`${what} ${hostName} answered`);
    expect(result.summary).toMatch(/configured phones registered/);
  });

  test("a wrong password is an authentication failure in plain words", async () => {
    const result = await testConnection(routerSettings(router2008.url, "wrong-pw"));
    expect(result).toMatchObject({
      ok: false,
      error: { kind: "auth", type: "AuthError", message: "The device refused the user name or password." },
    });
    expect(result.summary).toBe("The device refused the user name or password.");
    expect(JSON.stringify(result)).not.toContain("wrong-pw");
  });

  test("a stopped router is a transport failure in plain words", async () => {
    const stopped = await startCmeSimulator({});
    await stopped.close();
    const result = await testConnection(routerSettings(stopped.url));
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ kind: "transport", type: "TransportError" });
    expect(result.error!.message).toMatch(/refused|reach|connect/i);
    expect(result.error!.message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1:\d+/);
  });
});

describe("test connection: clusters", () => {
  test("a one-device query reports the node that answered, the nodes and a device, through the database budget", async () => {
    const result = await testConnection(clusterSettings());
    expect(result.ok).toBe(true);
    expect(result.cluster!.answeredBy).toBe(new URL(cluster.urls[0]!).host);
    expect(result.cluster!.nodes.map((n) => n.node).sort()).toEqual(["cucm1", "cucm2"]);
    expect(result.cluster!.sampleDevice).toMatchObject({
      name: expect.any(String),
      node: expect.stringMatching(/^cucm/),
    });
    expect(result.cluster!.budgetLimit).toBe(12);
    expect(result.summary).toMatch(
      /^Cluster answered from 127\.0\.0\.1:\d+: 2 of 2 nodes reporting, found \S+ \(\w+ on cucm\d\)\.$/,
    );
    expect(await db().risportRequest.count({ where: { clusterId: "test-cluster" } })).toBe(1);
  });

  test("the full RISService70 URL works as well as the node's base URL", async () => {
    expect((await testConnection(clusterSettings({ urls: cluster.urls, budgetKey: "full-urls" }))).ok).toBe(true);
  });

  test("a wrong password is an authentication failure", async () => {
    const result = await testConnection(clusterSettings({ password: "nope", budgetKey: "auth" }));
    expect(result).toMatchObject({
      ok: false,
      error: { kind: "auth", type: "AuthError", message: "The device refused the user name or password." },
    });
  });

  test("a stopped cluster is a transport failure after trying every node", async () => {
    const stopped = await startCucmSimulator({ nodes: 2, devices: 1 });
    await stopped.close();
    const result = await testConnection(
      clusterSettings({ urls: stopped.urls.map((u) => new URL(u).origin), budgetKey: "stopped" }),
    );
    expect(result.error).toMatchObject({ kind: "transport", type: "TransportError" });
    expect(await db().risportRequest.count({ where: { clusterId: "stopped" } })).toBe(2);
  });

  test("a spent budget is reported as rate limiting, without sending anything", async () => {
    const tight = clusterSettings({ budgetPerMinute: 2, budgetReserve: 1, budgetKey: "tight" });
    expect((await testConnection(tight)).ok).toBe(true);
    const sent = cluster.control.requestLog().length;
    const spent = await testConnection(tight);
    expect(spent.ok).toBe(false);
    expect(spent.error).toMatchObject({ kind: "rate-limited", type: "RateLimited" });
    expect(spent.error!.message).toMatch(/budget is spent/);
    expect(spent.error!.retryAfterMs).toBeGreaterThan(0);
    expect(cluster.control.requestLog().length).toBe(sent);
  });

  test("the cluster's own RateControl fault is rate limiting too, and pauses the budget", async () => {
    cluster.control.injectRateControlFault(1);
    const result = await testConnection(clusterSettings({ budgetKey: "faulted" }));
    expect(result.error).toMatchObject({ kind: "rate-limited", type: "RateLimited" });
    expect(
      (await db().risportBudget.findUnique({ where: { clusterId: "faulted" } }))?.pausedUntil?.getTime(),
    ).toBeGreaterThan(Date.now());
  });
});

describe("test connection through the service", () => {
  test("a saved router and a saved cluster, each with an audit row; the cluster's test uses its own budget", async () => {
    const router = await createSource(
      { kind: "cme", name: "Leeds", urls: [router2008.url], username: "xml", password: "router-pw", timeoutMs: 5000 },
      who,
    );
    const saved = await createSource(
      {
        kind: "cucm",
        name: "HQ",
        urls: clusterBases(),
        username: "ris",
        password: "cluster-pw",
        budgetPerMinute: 2,
        budgetReserve: 1,
      },
      who,
    );
    expect((await sourceService.testSource(router.id, who)).ok).toBe(true);
    expect((await sourceService.testSource(saved.id, who)).ok).toBe(true);
    expect(await db().risportRequest.count({ where: { clusterId: saved.id } })).toBe(1);
    // The unsaved form for the same cluster (no sourceId) is matched to it and shares its budget.
    const again = await sourceService.testSourceSettings(
      {
        kind: "cucm",
        name: "HQ copy",
        urls: clusterBases(),
        username: "ris",
        password: "cluster-pw",
        tls: { mode: "system" },
        timeoutMs: 5000,
        budgetPerMinute: 2,
        budgetReserve: 1,
      },
      who,
    );
    expect(again.error?.kind).toBe("rate-limited");
    const rows = await db().auditEvent.findMany({ where: { action: "source.test" }, orderBy: { at: "asc" } });
    expect(rows.map((r) => [r.target, r.outcome])).toEqual([
      ["Leeds", "success"],
      ["HQ", "success"],
      ["HQ copy", "failure"],
    ]);
    expect(JSON.parse(rows[2]!.detail)).toMatchObject({
      saved: false,
      ok: false,
      errorKind: "rate-limited",
      errorType: "RateLimited",
    });
    for (const row of rows) expect(row.detail).not.toMatch(/router-pw|cluster-pw/);
  });

  test("unsaved settings may reuse the edited source's password only against its saved address and user", async () => {
    const router = (await db().source.findUnique({ where: { name: "Leeds" }, select: { id: true } }))!;
    const form = {
      kind: "cme" as const,
      name: "Leeds",
      urls: [router2008.url],
      username: "xml",
      tls: { mode: "system" as const },
      timeoutMs: 5000,
      sourceId: router.id,
    };
    expect((await sourceService.testSourceSettings(form, who)).ok).toBe(true);
    const moved = await sourceService
      .testSourceSettings({ ...form, urls: [router2010.url] }, who)
      .catch((e: unknown) => e);
    expect(moved).toBeInstanceOf(AppError);
    expect((moved as AppError).userMessage).toMatch(/password: enter the password again/);
    expect(
      (await sourceService.testSourceSettings({ ...form, urls: [router2010.url], password: "router-pw" }, who)).router
        ?.hostName,
    ).toBe("paris-cme");
    const none = await sourceService.testSourceSettings({ ...form, sourceId: undefined }, who).catch((e: unknown) => e);
    expect((none as AppError).code).toBe("validation_failed");
  });
});
