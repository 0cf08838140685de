// The per-cluster RisPort settings beyond the seed's documented limits need an admin's explicit
// say-so: a reply cap above 1000 only when checked, a budget above 15 a minute only when raised.
import { describe, expect, it } from "vitest";
import { clusterDefaults, sourceCreateSchema, sourceUpdateSchema } from "./source";

const cluster = { kind: "cucm" as const, name: "HQ", urls: ["https://cucm1:8443"], username: "ris", password: "pw" };
const messages = (input: unknown) => {
  const result = sourceCreateSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("cluster settings", () => {
  it("defaults to the seed: 15 a minute, 1000 per reply, 500 items per request, nothing checked or raised", () => {
    expect(clusterDefaults).toMatchObject({ budgetPerMinute: 15, replyCap: 1000, selectItemsPerRequest: 1000 });
    const valid = sourceCreateSchema.parse(cluster);
    expect(valid).toMatchObject({ replyCapChecked: false, budgetRaised: false });
    expect(valid.selectItemsPerRequest).toBeUndefined();
  });

  it("refuses a reply cap above 1000 unless the cluster was checked to return more", () => {
    expect(messages({ ...cluster, replyCap: 2000 })).toEqual([
      'replyCap: RisPort returns at most 1000 devices per reply; a higher cap needs "checked: this cluster returns more"',
    ]);
    expect(messages({ ...cluster, replyCap: 2000, replyCapChecked: true })).toEqual([]);
    expect(messages({ ...cluster, replyCap: 1000 })).toEqual([]);
  });

  it("refuses a budget above 15 a minute unless it was raised on the cluster, and never above 18", () => {
    expect(messages({ ...cluster, budgetPerMinute: 16 })).toEqual([
      expect.stringMatching(/^budgetPerMinute: Cisco documents at most 15 requests a minute/),
    ]);
    expect(messages({ ...cluster, budgetPerMinute: 18, budgetRaised: true })).toEqual([]);
    expect(messages({ ...cluster, budgetPerMinute: 19, budgetRaised: true })).toHaveLength(1);
  });

  it("bounds SelectItems per request between 1 and 1000", () => {
    expect(messages({ ...cluster, selectItemsPerRequest: 200 })).toEqual([]);
    expect(messages({ ...cluster, selectItemsPerRequest: 0 })).toHaveLength(1);
    expect(messages({ ...cluster, selectItemsPerRequest: 1001 })).toHaveLength(1);
    expect(
      sourceUpdateSchema.safeParse({ selectItemsPerRequest: 250, replyCapChecked: true, budgetRaised: false }).success,
    ).toBe(true);
  });
});
