// Demo sources leave nothing behind, whichever way they go: turning the demo off and adding the
// first real source both remove the sources, their data and their RisPort budget rows.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";
import { db } from "./client";
import { removeDemoSources } from "./demo-sources";
import { createSource, deleteSource } from "./sources";

let database: TestDatabase;
const system = { actor: "system" };

beforeAll(async () => {
  database = await startTestDatabase();
  forgetKeyForTests();
});
afterAll(async () => database?.stop());

beforeEach(async () => {
  for (const source of await db().source.findMany()) await deleteSource(source.id, system);
  await db().auditEvent.deleteMany();
});

/** A demo cluster that has spent some of its budget and been paused once: both kinds of budget row. */
async function demoClusterWithBudget() {
  const cluster = await createSource(
    { kind: "cucm", name: "Demo cluster", urls: ["http://127.0.0.1:2"], username: "demo", password: "demo-pass" },
    system,
    { demo: true },
  );
  await createSource(
    { kind: "cme", name: "Demo router", urls: ["http://127.0.0.1:1"], username: "demo", password: "demo-pass" },
    system,
    { demo: true },
  );
  await db().risportRequest.create({ data: { clusterId: cluster.id, at: new Date() } });
  await db().risportBudget.create({ data: { clusterId: cluster.id, pausedUntil: new Date() } });
  return cluster;
}

const leftOver = async () => ({
  sources: await db().source.count({ where: { demo: true } }),
  requests: await db().risportRequest.count(),
  budgets: await db().risportBudget.count(),
});

describe("removing demo sources", () => {
  test("turning the demo off removes the demo sources with their RisPort budget rows, audited once", async () => {
    await demoClusterWithBudget();
    expect(await removeDemoSources("LINEWATCH_DEMO=0")).toBe(2);
    expect(await leftOver()).toEqual({ sources: 0, requests: 0, budgets: 0 });
    const audit = await db().auditEvent.findMany({ where: { action: "source.demo-removed" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.target).toBe("Demo cluster, Demo router");
    expect(await removeDemoSources("LINEWATCH_DEMO=0")).toBe(0);
  });

  test("adding the first real source removes them the same way", async () => {
    await demoClusterWithBudget();
    await createSource(
      { kind: "cme", name: "Leeds", urls: ["http://10.1.1.1"], username: "xml", password: "Real-Pw-1" },
      { actor: "admin" },
    );
    expect(await leftOver()).toEqual({ sources: 0, requests: 0, budgets: 0 });
    expect(await db().auditEvent.count({ where: { action: "source.demo-removed" } })).toBe(1);
  });
});
