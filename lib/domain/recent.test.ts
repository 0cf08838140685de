import { describe, expect, it } from "vitest";
import { Recent } from "./recent";

describe("Recent", () => {
  it("forgets an entry once it is as old as the keep time", () => {
    let now = 1_000;
    const recent = new Recent<string>(60_000, 10, () => now);
    recent.set("a", "bound");
    now += 59_999;
    expect(recent.get("a")).toBe("bound");
    now += 1;
    expect(recent.get("a")).toBeUndefined();
  });

  it("keeps at most `max` entries, dropping the oldest set", () => {
    const recent = new Recent<number>(60_000, 2, () => 0);
    recent.set("a", 1);
    recent.set("b", 2);
    recent.set("a", 3); // set again: now the newest
    recent.set("c", 4);
    expect([recent.get("a"), recent.get("b"), recent.get("c")]).toEqual([3, undefined, 4]);
  });

  it("forgets on request", () => {
    const recent = new Recent<number>(60_000);
    recent.set("a", 1);
    recent.delete("a");
    expect(recent.get("a")).toBeUndefined();
  });
});
