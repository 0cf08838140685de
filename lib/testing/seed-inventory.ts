// Small builders for inventory rows in tests and benchmarks: give what the test is about, get a
// complete row with the rest filled in the way the pollers would write it.
import { randomUUID } from "node:crypto";
import { deviceIdentity } from "@/lib/db/device-identity";
import { macOf } from "@/lib/domain/mac";
import { identitiesOf } from "@/lib/db/phone-identity";
import { recomputeIdentities } from "@/lib/inventory/effective/recompute";
import {
  insertInventory,
  type ChangeEventSeedRow,
  type CtiAppSeedRow,
  type DeviceSeedRow,
  type ExtensionSeedRow,
  type InventorySeed,
  type PollSeedRow,
  type SourceHealthSeedRow,
  type SourceSeedRow,
} from "@/lib/db/inventory-seed";

export { insertInventory, clearInventory } from "@/lib/db/inventory-seed";

export function sourceRow(input: Partial<SourceSeedRow> & { name: string }): SourceSeedRow {
  const kind = input.kind ?? "cme";
  return {
    id: input.id ?? randomUUID(),
    kind,
    site: "",
    urls: JSON.stringify(["https://127.0.0.1:1"]),
    username: "seed",
    passwordCipher: "seed-not-a-secret",
    pollIntervalS: kind === "cme" ? 60 : 300,
    budgetPerMinute: kind === "cucm" ? 50 : null,
    ...input,
  };
}

export function healthRow(sourceId: string, input: Partial<SourceHealthSeedRow> = {}): SourceHealthSeedRow {
  return { sourceId, status: "ok", lastAttemptAt: new Date(), lastSuccessAt: new Date(), ...input };
}

export interface LineSeed {
  dn: string;
  status?: string;
}

export function deviceRow(
  sourceId: string,
  input: Partial<Omit<DeviceSeedRow, "lines">> & { name: string; lines?: LineSeed[] },
): DeviceSeedRow {
  const { lines = [], ...rest } = input;
  const mac = input.mac !== undefined ? input.mac : macOf(input.name);
  return {
    sourceId,
    mac,
    identity: deviceIdentity({ name: input.name, mac }),
    registrationStatus: "registered",
    primaryDn: lines[0]?.dn ?? "",
    lineCount: lines.length,
    dnIndex: lines.length ? ` ${lines.map((l) => l.dn).join(" ")} ` : "",
    lines: JSON.stringify(lines.map((l) => ({ dn: l.dn, status: l.status ?? "registered" }))),
    fingerprint: randomUUID(),
    ...rest,
  };
}

export function extensionRow(
  sourceId: string,
  input: Partial<ExtensionSeedRow> & { number: string },
): ExtensionSeedRow {
  const tag = input.tag ?? input.number;
  return { sourceId, key: `sccp:${tag}`, tag, kind: "sccp", status: "up", fingerprint: randomUUID(), ...input };
}

export function ctiAppRow(sourceId: string, input: Partial<CtiAppSeedRow> & { appId: string }): CtiAppSeedRow {
  return { sourceId, status: "open", fingerprint: randomUUID(), ...input };
}

export function statusChange(
  sourceId: string,
  subject: string,
  at: Date,
  before: string,
  after: string,
  reason?: string,
): ChangeEventSeedRow {
  return { sourceId, subject, subjectKind: "device", change: "status", at, before, after, reason: reason ?? null };
}

export function pollRow(
  sourceId: string,
  startedAt: Date,
  counts: Partial<
    Pick<
      PollSeedRow,
      "registered" | "unregistered" | "rejected" | "partiallyRegistered" | "unknown" | "outcome" | "durationMs"
    >
  > = {},
): PollSeedRow {
  const registered = counts.registered ?? 0;
  const unregistered = counts.unregistered ?? 0;
  const rejected = counts.rejected ?? 0;
  return {
    sourceId,
    startedAt,
    durationMs: 1200,
    outcome: "ok",
    devices: registered + unregistered + rejected,
    registered,
    unregistered,
    rejected,
    ...counts,
  };
}

/** Inserts the rows, then works out every device's effective state as a poll would. */
export async function seedInventory(seed: InventorySeed, now = new Date()): Promise<void> {
  await insertInventory(seed);
  if (seed.devices?.length) await recomputeIdentities(await identitiesOf(), now);
}

/**
 * A small known fleet for integration tests: three sources (a healthy CME router at HQ, a stale
 * cluster in the East, an auth-failed branch router), devices in every status, one phone seen by
 * two sources, extensions, CTI apps, status changes and polls around `now`.
 */
export async function seedFleetFixture(now: Date) {
  const at = (iso: string) => new Date(iso);
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const hq = sourceRow({ name: "cme-hq", kind: "cme", site: "HQ", createdAt: ago(86_400_000) });
  const east = sourceRow({ name: "cucm-east", kind: "cucm", site: "East", createdAt: ago(86_400_000) });
  const branch = sourceRow({ name: "cme-branch", kind: "cme", site: "Branch", createdAt: ago(86_400_000) });
  const [a, b, c] = [hq.id!, east.id!, branch.id!];
  const branchPhones = Array.from({ length: 30 }, (_, i) =>
    deviceRow(c, {
      name: `SEPCCCC000000${String(i).padStart(2, "0")}`,
      model: "Cisco 7945",
      protocol: "SCCP",
      registrationStatus: i < 25 ? "registered" : "unknown",
      lines: [{ dn: `3${String(i).padStart(3, "0")}` }],
    }),
  );
  await seedInventory(
    {
      sources: [hq, east, branch],
      health: [
        healthRow(a, { status: "ok", lastSuccessAt: ago(30_000), lastAttemptAt: ago(30_000) }),
        healthRow(b, { status: "ok", lastSuccessAt: ago(2 * 3_600_000), lastAttemptAt: ago(60_000) }),
        healthRow(c, {
          status: "auth-failed",
          lastSuccessAt: ago(86_000_000),
          lastAttemptAt: ago(60_000),
          consecutiveFailures: 4,
        }),
      ],
      devices: [
        deviceRow(a, {
          name: "SEP000DBC80EB51",
          model: "Cisco 7960",
          protocol: "SCCP",
          description: "Lobby phone",
          userName: "alice",
          ipAddress: "10.1.0.10",
          keyPhone: true,
          node: "hq-router",
          firmware: "SCCP41.9-4",
          lines: [{ dn: "1001" }, { dn: "1002" }],
          detail: JSON.stringify({ ephoneTag: 1, firmware: { downloadStatus: "Successful" } }),
          statusChangedAt: ago(3_600_000),
        }),
        deviceRow(a, {
          name: "SEP001122334455",
          model: "Cisco 7960",
          protocol: "SCCP",
          description: '=HYPERLINK("http://evil")',
          registrationStatus: "unregistered",
          statusReason: "Keep-alive timeout",
          lines: [{ dn: "1003" }],
          statusChangedAt: ago(600_000),
        }),
        deviceRow(a, {
          name: "SEPAABBCCDDEEFF",
          model: "Cisco 8845",
          protocol: "SIP",
          userName: "bob",
          ipAddress: "10.1.0.12",
          lines: [{ dn: "2001" }],
          statusChangedAt: ago(7_200_000),
        }),
        deviceRow(a, { name: "SEP0000000000A1", model: "Cisco 7960", protocol: "SCCP", missing: true }),
        deviceRow(b, {
          name: "SEP000DBC80EB51",
          model: "Cisco 7960",
          protocol: "SIP",
          ipAddress: "10.2.0.5",
          node: "cucm1",
          firmware: "sip79xx.9-4",
          lines: [{ dn: "+4930123456" }],
          statusChangedAt: ago(1_800_000),
        }),
        deviceRow(b, {
          name: "SEPB0B0B0B0B0B0",
          model: "Cisco 8845",
          protocol: "SIP",
          registrationStatus: "rejected",
          statusReason: "Configuration mismatch",
          ipAddress: "10.2.0.6",
        }),
        deviceRow(b, {
          name: "SEPC0C0C0C0C0C0",
          model: "Cisco 8845",
          protocol: "SIP",
          registrationStatus: "unregistered",
          statusReason: "Keep-alive timeout",
          ipAddress: "10.2.0.7",
        }),
        deviceRow(b, {
          name: "SEPD0D0D0D0D0D0",
          model: "Cisco 8845",
          protocol: "SIP",
          registrationStatus: "partially-registered",
          statusReason: "",
          ipAddress: "10.2.0.8",
        }),
        deviceRow(b, {
          name: "CTIPORT1",
          deviceClass: "Cti",
          model: "CTI Port",
          protocol: "SCCP",
          ipAddress: "10.2.0.9",
        }),
        ...branchPhones,
      ],
      extensions: [
        extensionRow(a, {
          number: "1001",
          firstName: "Alice",
          lastName: "Adams",
          devices: JSON.stringify(["SEP000DBC80EB51"]),
        }),
        extensionRow(a, { number: "1002", firstName: "Lobby", lastName: "" }),
        extensionRow(a, { number: "1003", firstName: "Bob", lastName: "Smith", status: "down" }),
        extensionRow(c, { number: "-5000", firstName: "=cmd", lastName: "Formula" }),
      ],
      ctiApps: [
        ctiAppRow(b, { appId: "app-1", userId: "jtapi", status: "open" }),
        ctiAppRow(b, { appId: "app-2", userId: "uccx", status: "open-failed", reason: "Authentication failed" }),
        ctiAppRow(b, { appId: "app-3", userId: "tapi", status: "closed" }),
        ctiAppRow(b, {
          appId: "app-4",
          userId: "recorder",
          status: "open-failed",
          devices: JSON.stringify(["SEP000DBC80EB51"]),
        }),
      ],
      changes: [
        statusChange(a, "SEP000DBC80EB51", ago(7_200_000), "unregistered", "registered"),
        statusChange(a, "SEP000DBC80EB51", ago(3_600_000), "registered", "unregistered", "Keep-alive timeout"),
        {
          sourceId: b,
          subject: "SEP000DBC80EB51",
          subjectKind: "device",
          change: "ip",
          at: ago(1_800_000),
          before: "10.2.0.4",
          after: "10.2.0.5",
        },
        ...[1, 2, 3, 4].map((i) =>
          statusChange(
            b,
            "SEPC0C0C0C0C0C0",
            ago(i * 600_000),
            i % 2 ? "registered" : "unregistered",
            i % 2 ? "unregistered" : "registered",
          ),
        ),
        ...[1, 2].map((i) => statusChange(a, "SEP001122334455", ago(i * 600_000), "registered", "unregistered")),
        ...[1, 2, 3, 4, 5].map((i) =>
          statusChange(b, "CTIPORT1", ago(10 * 86_400_000 + i * 1000), "registered", "unregistered"),
        ),
      ],
      polls: [
        pollRow(a, at(iso(now, -25 * 60)), { registered: 3 }), // 12:05 → the 12:00 bucket holds a later one
        pollRow(a, at(iso(now, -5 * 60)), { registered: 2, unregistered: 1 }),
        pollRow(a, at(iso(now, -2 * 60)), { outcome: "failed", durationMs: 2500 }),
        pollRow(a, at(iso(now, -70 * 60)), { registered: 2, unregistered: 1 }),
        pollRow(b, at(iso(now, -90 * 60)), { registered: 4 }),
        pollRow(b, at(iso(now, -20 * 60)), { registered: 2, unregistered: 1, rejected: 1, partiallyRegistered: 1 }),
        pollRow(b, at(iso(now, -26 * 3600)), { registered: 9 }),
      ],
      // Budget use is read against the wall clock, not `now`.
      risportRequests: [
        ...Array.from({ length: 7 }, () => ({ clusterId: b, at: new Date(Date.now() - 10_000) })),
        ...Array.from({ length: 3 }, () => ({ clusterId: b, at: new Date(Date.now() - 300_000) })),
      ],
    },
    now,
  );
  return { hq: a, east: b, branch: c };
}

const iso = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();
