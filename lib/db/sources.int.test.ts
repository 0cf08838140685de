// The source data layer on a real database: defaults, sealing, edits that bump settingsVersion,
// enable/disable, delete with cascade, the demo hand-over, health and budget use, and no
// plaintext password anywhere in the database.
import { existsSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";
import { db } from "./client";
import {
  createSource,
  deleteSource,
  findSourceByName,
  getSource,
  getSourceWithHealth,
  listSources,
  listSourcesWithHealth,
  setSourceEnabled,
  sourceConnection,
  updateSource,
} from "./sources";

let database: TestDatabase;
const who = { actor: "test-admin" };
const PASSWORD = "Plain-Text-Pw-7319";

beforeAll(async () => {
  database = await startTestDatabase();
  forgetKeyForTests();
});
afterAll(async () => database?.stop());

async function expectAppError(promise: Promise<unknown>, code: string, text?: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (text) expect((error as AppError).userMessage).toMatch(text);
  return error as AppError;
}

const auditRows = (action: string) => db().auditEvent.findMany({ where: { action }, orderBy: { at: "asc" } });
const addDevice = (sourceId: string, name: string) =>
  db().device.create({ data: { sourceId, name, registrationStatus: "registered", fingerprint: "x" } });

describe("source data layer", () => {
  test("demo sources and their data go when the first real source is added, in one step with an audit row", async () => {
    const demoRouter = await createSource(
      { kind: "cme", name: "Demo router", urls: ["http://127.0.0.1:1"], username: "demo", password: "demo-pass" },
      { actor: "system" },
      { demo: true },
    );
    const demoCluster = await createSource(
      {
        kind: "cucm",
        name: "Demo cluster",
        urls: ["http://127.0.0.1:2", "http://127.0.0.1:3"],
        username: "demo",
        password: "demo-pass",
      },
      { actor: "system" },
      { demo: true },
    );
    await addDevice(demoRouter.id, "SEP000000000001");
    await addDevice(demoCluster.id, "SEP000000000002");
    await db().risportRequest.create({ data: { clusterId: demoCluster.id, at: new Date() } });
    expect(await db().device.count()).toBe(2);

    const real = await createSource(
      { kind: "cme", name: "Leeds", site: "Leeds", urls: ["http://10.1.1.1/"], username: "xml", password: PASSWORD },
      who,
    );
    expect((await listSources()).map((s) => s.name)).toEqual(["Leeds"]);
    expect(await db().device.count()).toBe(0);
    expect(await db().sourceHealth.count()).toBe(1);
    expect(await db().risportRequest.count()).toBe(0);
    const removed = await auditRows("source.demo-removed");
    expect(removed).toHaveLength(1);
    expect(removed[0]!.target).toBe("Demo cluster, Demo router");
    expect(removed[0]!.actor).toBe("test-admin");
    expect(real.demo).toBe(false);

    await createSource(
      { kind: "cme", name: "Paris", urls: ["http://10.1.1.2"], username: "xml", password: PASSWORD },
      who,
    );
    expect(await auditRows("source.demo-removed")).toHaveLength(1);
  });

  test("a new source gets the kind's defaults, a trimmed URL and no password in what comes back", async () => {
    const router = (await findSourceByName("Leeds"))!;
    expect(router).toMatchObject({
      kind: "cme",
      urls: ["http://10.1.1.1"],
      pollIntervalS: 120,
      timeoutMs: 30_000,
      budgetPerMinute: null,
      tls: { mode: "system" },
      enabled: true,
      settingsVersion: 1,
    });
    expect(JSON.stringify(router)).not.toContain(PASSWORD);
    expect(Object.keys(router)).not.toContain("password");
    expect(Object.keys(router)).not.toContain("passwordCipher");

    const cluster = await createSource(
      {
        kind: "cucm",
        name: "HQ cluster",
        urls: ["https://cucm1:8443", "https://cucm2:8443"],
        username: "ris",
        password: PASSWORD,
        tls: { mode: "insecure" },
      },
      who,
    );
    expect(cluster).toMatchObject({
      pollIntervalS: 300,
      budgetPerMinute: 15,
      budgetReserve: 3,
      replyCap: 1000,
      tls: { mode: "insecure" },
    });
    expect((await sourceConnection(cluster.id)).password).toBe(PASSWORD);
    const created = (await auditRows("source.create")).find((r) => r.target === "HQ cluster")!;
    expect(created.detail).not.toContain(PASSWORD);
  });

  test("bad input is a 422 naming the field; a duplicate name is a 409", async () => {
    expect(
      (
        await expectAppError(
          createSource({ kind: "cme", name: "X", urls: ["ftp://x"], username: "u", password: "p" }, who),
          "validation_failed",
        )
      ).userMessage,
    ).toMatch(/urls\.0/);
    await expectAppError(
      createSource({ kind: "cme", name: "X", urls: ["http://a", "http://b"], username: "u", password: "p" }, who),
      "validation_failed",
      /urls: a router has one address/,
    );
    await expectAppError(
      createSource(
        {
          kind: "cucm",
          name: "X",
          urls: ["http://a"],
          username: "u",
          password: "p",
          budgetPerMinute: 4,
          budgetReserve: 4,
        },
        who,
      ),
      "validation_failed",
      /budgetReserve/,
    );
    await expectAppError(
      createSource({ kind: "cme", name: "X", urls: ["http://a"], username: "u", password: "line\nbreak" }, who),
      "validation_failed",
      /password/,
    );
    await expectAppError(
      createSource({ kind: "cme", name: "Leeds", urls: ["http://a"], username: "u", password: "p" }, who),
      "conflict",
      /Leeds already exists/,
    );
  });

  test("edits: a new password or address bumps settingsVersion and reseals; other fields do not; the audit names fields only", async () => {
    const leeds = (await findSourceByName("Leeds"))!;
    const before = (await db().source.findUnique({ where: { id: leeds.id }, select: { passwordCipher: true } }))!
      .passwordCipher;

    const sited = await updateSource(leeds.id, { site: "Leeds West", pollIntervalS: 90 }, who);
    expect(sited).toMatchObject({ site: "Leeds West", pollIntervalS: 90, settingsVersion: 1 });
    expect((await sourceConnection(leeds.id)).password).toBe(PASSWORD);

    // Issue 15 #3: the stored password never follows a source to a new address, user or TLS trust.
    for (const retarget of [
      { urls: ["http://10.1.1.9"] },
      { username: "someone-else" },
      { tls: { mode: "insecure" } },
    ] as const) {
      await expectAppError(updateSource(leeds.id, retarget as never, who), "validation_failed", /password again/);
    }
    expect(
      (await db().source.findUnique({ where: { id: leeds.id }, select: { passwordCipher: true } }))!.passwordCipher,
    ).toBe(before);
    const moved = await updateSource(leeds.id, { urls: ["http://10.1.1.9"], password: PASSWORD }, who);
    expect(moved.settingsVersion).toBe(2);
    expect((await sourceConnection(leeds.id)).password).toBe(PASSWORD);

    const repassworded = await updateSource(leeds.id, { password: "New-Secret-Pw-4411" }, who);
    expect(repassworded.settingsVersion).toBe(3);
    expect((await sourceConnection(leeds.id)).password).toBe("New-Secret-Pw-4411");
    expect(
      (await db().source.findUnique({ where: { id: leeds.id }, select: { passwordCipher: true } }))!.passwordCipher,
    ).not.toBe(before);

    const unchanged = await updateSource(leeds.id, { site: "Leeds West" }, who);
    expect(unchanged.settingsVersion).toBe(3);

    const updates = await auditRows("source.update");
    expect(updates.map((u) => JSON.parse(u.detail).changed)).toEqual([
      ["site", "pollIntervalS"],
      ["urls", "password"],
      ["password"],
    ]);
    for (const row of updates) expect(row.detail).not.toContain("New-Secret-Pw-4411");
  });

  test("edits are validated against the stored source: kind stays, rules hold, names stay unique", async () => {
    const leeds = (await findSourceByName("Leeds"))!;
    const cluster = (await findSourceByName("HQ cluster"))!;
    await expectAppError(updateSource(leeds.id, { kind: "cucm" } as never, who), "validation_failed", /kind/);
    await expectAppError(
      updateSource(leeds.id, { urls: ["http://a", "http://b"], password: "p" }, who),
      "validation_failed",
      /one address/,
    );
    await expectAppError(updateSource(cluster.id, { budgetReserve: 15 }, who), "validation_failed", /budgetReserve/);
    await expectAppError(updateSource(leeds.id, { name: "Paris" }, who), "conflict", /Paris already exists/);
    await expectAppError(updateSource("nope", { site: "x" }, who), "not_found");
    await expectAppError(
      updateSource(cluster.id, { budgetPerMinute: 18, budgetReserve: 15 }, who),
      "validation_failed",
      /budgetPerMinute: Cisco documents at most 15/,
    );
    expect(
      await updateSource(cluster.id, { budgetPerMinute: 18, budgetRaised: true, budgetReserve: 15 }, who),
    ).toMatchObject({ budgetPerMinute: 18, budgetRaised: true, budgetReserve: 15, settingsVersion: 1 });
  });

  test("disable and enable keep the data and write audit rows", async () => {
    const paris = (await findSourceByName("Paris"))!;
    expect((await setSourceEnabled(paris.id, false, who)).enabled).toBe(false);
    expect(await listSources({ enabled: true })).not.toContainEqual(expect.objectContaining({ name: "Paris" }));
    expect((await setSourceEnabled(paris.id, true, who)).enabled).toBe(true);
    expect((await auditRows("source.disable")).map((r) => r.target)).toEqual(["Paris"]);
    expect((await auditRows("source.enable")).map((r) => r.target)).toEqual(["Paris"]);
  });

  test("health: unknown until polled, stale after two intervals without success; clusters show budget use", async () => {
    const leeds = (await findSourceByName("Leeds"))!;
    // The test's clock starts just after Leeds was added, so its first two intervals have not passed.
    const now = leeds.createdAt.getTime() + 1_000;
    const cluster = (await findSourceByName("HQ cluster"))!;
    expect((await getSourceWithHealth(leeds.id, now))!.health).toMatchObject({
      status: "unknown",
      stale: false,
      staleSince: null,
      lastSuccessAt: null,
    });

    const lastSuccessAt = new Date(now - 3 * 90_000);
    await db().sourceHealth.update({
      where: { sourceId: leeds.id },
      data: {
        status: "unreachable",
        lastSuccessAt,
        lastAttemptAt: new Date(now - 1000),
        consecutiveFailures: 3,
        lastError: "The device did not answer in time.",
      },
    });
    await db().sourceHealth.update({
      where: { sourceId: cluster.id },
      data: { status: "ok", lastSuccessAt: new Date(now - 60_000) },
    });
    await db().risportRequest.createMany({
      data: [
        { clusterId: cluster.id, at: new Date(now - 5_000) },
        { clusterId: cluster.id, at: new Date(now - 30_000) },
        { clusterId: cluster.id, at: new Date(now - 120_000) },
      ],
    });

    const listed = await listSourcesWithHealth({}, now);
    const leedsHealth = listed.find((s) => s.id === leeds.id)!;
    expect(leedsHealth.health).toMatchObject({
      status: "unreachable",
      stale: true,
      // It went stale two poll intervals (2 × 90 s) after its last success.
      staleSince: new Date(lastSuccessAt.getTime() + 2 * 90_000),
      consecutiveFailures: 3,
      lastError: "The device did not answer in time.",
    });
    expect(leedsHealth.budget).toBeNull();
    const clusterHealth = listed.find((s) => s.id === cluster.id)!;
    expect(clusterHealth.health).toMatchObject({ status: "ok", stale: false });
    expect(clusterHealth.budget).toEqual({ limit: 3, used: 2, pausedUntil: null });
    expect(await listSourcesWithHealth({ kind: "cucm" }, now)).toHaveLength(1);
  });

  test("delete removes the source with its devices, health and budget rows", async () => {
    const cluster = (await findSourceByName("HQ cluster"))!;
    await addDevice(cluster.id, "SEP00000000000A");
    await deleteSource(cluster.id, who);
    expect(await getSource(cluster.id)).toBeNull();
    expect(await db().device.count({ where: { sourceId: cluster.id } })).toBe(0);
    expect(await db().sourceHealth.count({ where: { sourceId: cluster.id } })).toBe(0);
    expect(await db().risportRequest.count({ where: { clusterId: cluster.id } })).toBe(0);
    expect((await auditRows("source.delete")).map((r) => r.target)).toEqual(["HQ cluster"]);
    await expectAppError(deleteSource(cluster.id, who), "not_found");
  });

  test("no plaintext password anywhere in the database", async () => {
    const tables = ["Source", "AuditEvent", "SourceHealth"];
    for (const table of tables) {
      const rows = await db().$queryRawUnsafe<unknown[]>(`SELECT * FROM "${table}"`);
      const text = JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? String(v) : v));
      for (const secret of [PASSWORD, "New-Secret-Pw-4411", "demo-pass"])
        expect(text, `${table} holds ${secret}`).not.toContain(secret);
    }
    const config = env().database;
    if (config.provider === "sqlite") {
      await db()
        .$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)")
        .catch(() => undefined);
      for (const file of [config.file, `${config.file}-wal`]) {
        if (!existsSync(file)) continue;
        const bytes = readFileSync(file);
        for (const secret of [PASSWORD, "New-Secret-Pw-4411"])
          expect(bytes.includes(Buffer.from(secret)), `${file} holds ${secret}`).toBe(false);
      }
    }
  });
});
