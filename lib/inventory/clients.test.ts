import { describe, expect, it } from "vitest";
import { createMemoryBudgetStore } from "@/lib/risport/budget/budget-store";
import { clusterBudget, clusterClient, routerClient, type ClusterConnection } from "./clients";

const now = () => Date.parse("2026-01-01T00:00:00Z");
const cluster = (overrides: Partial<ClusterConnection> = {}): ClusterConnection => ({
  id: "c1",
  urls: ["https://cucm.example"],
  username: "ris",
  password: "pw",
  tls: { mode: "system" },
  timeoutMs: 5000,
  settingsVersion: 1,
  ...overrides,
});

describe("clusterBudget", () => {
  it("keeps to the documented 15 a minute unless the cluster's rate was raised", () => {
    expect(
      clusterBudget(cluster({ budgetPerMinute: 18, budgetReserve: 0 }), createMemoryBudgetStore(), now).limit,
    ).toBe(15);
    expect(
      clusterBudget(
        cluster({ budgetPerMinute: 18, budgetReserve: 0, budgetRaised: true }),
        createMemoryBudgetStore(),
        now,
      ).limit,
    ).toBe(18);
  });

  it("keeps the reserve below the rate, so one request is always left", () => {
    expect(clusterBudget(cluster({ budgetPerMinute: 3, budgetReserve: 5 }), createMemoryBudgetStore(), now).limit).toBe(
      1,
    );
    expect(
      clusterBudget(cluster({ budgetPerMinute: 10, budgetReserve: 2 }), createMemoryBudgetStore(), now).limit,
    ).toBe(8);
  });
});

describe("clusterClient", () => {
  it("honours the source's reply cap and items per request", () => {
    const source = cluster({ replyCap: 200, selectItemsPerRequest: 50 });
    const client = clusterClient(source, clusterBudget(source, createMemoryBudgetStore(), now));
    expect(client.replyCap).toBe(200);
    expect(client.maxItemsPerRequest).toBe(50);
  });

  it("never trusts a cap above the documented 1000 unless it was checked", () => {
    const unchecked = cluster({ replyCap: 2000 });
    expect(clusterClient(unchecked, clusterBudget(unchecked, createMemoryBudgetStore(), now)).replyCap).toBe(1000);
    const checked = cluster({ replyCap: 2000, replyCapChecked: true });
    expect(clusterClient(checked, clusterBudget(checked, createMemoryBudgetStore(), now)).replyCap).toBe(2000);
  });
});

describe("routerClient", () => {
  it("refuses a router without an address", () => {
    expect(() =>
      routerClient({ urls: [], username: "u", password: "p", tls: { mode: "system" }, timeoutMs: 5000 }),
    ).toThrow(/no address/);
  });
});
