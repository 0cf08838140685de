// What a cluster poll records when its sweep was not complete: the reasons in plain words.
import { describe, expect, it } from "vitest";
import { allowedPerMinute } from "@/lib/risport/budget/budget";
import { sweepIncompleteReason } from "./poll-cluster";

const node = (name: string, failures: number) => ({
  node: name,
  replies: 3,
  noChange: 0,
  failures,
  lastReturnCode: failures > 0 ? ("NodeNotResponding" as const) : ("Ok" as const),
});

describe("sweepIncompleteReason", () => {
  it("is null for a complete sweep", () => {
    expect(sweepIncompleteReason({ complete: true, nodeOutcomes: [node("cucm1", 0)], problems: [] })).toBeNull();
  });

  it("names the nodes down, a slice still cut and the budget spent", () => {
    expect(
      sweepIncompleteReason({
        complete: false,
        nodeOutcomes: [node("cucm1", 0), node("cucm2", 2)],
        problems: [
          { kind: "slice-cut", message: "", userMessage: "" },
          { kind: "rate-limited", message: "", userMessage: "" },
        ],
      }),
    ).toBe(
      "Incomplete sweep: node cucm2 down (NodeNotResponding); a slice of names still cut at the reply cap; the RisPort budget was spent before every device was read.",
    );
  });

  it("falls back to the problem's own words", () => {
    expect(
      sweepIncompleteReason({
        complete: false,
        nodeOutcomes: [],
        problems: [{ kind: "fault", message: "x", userMessage: "The cluster refused a query." }],
      }),
    ).toBe("Incomplete sweep: The cluster refused a query.");
  });
});

describe("allowedPerMinute", () => {
  it("keeps to the documented 15 unless the cluster's rate was raised, and to 18 even then", () => {
    expect(allowedPerMinute(null, false)).toBe(15);
    expect(allowedPerMinute(18, false)).toBe(15);
    expect(allowedPerMinute(18, true)).toBe(18);
    expect(allowedPerMinute(40, true)).toBe(18);
    expect(allowedPerMinute(10, false)).toBe(10);
  });
});
