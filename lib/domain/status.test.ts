import { describe, expect, test } from "vitest";
import {
  countKey,
  ctiSortOrder,
  notRegisteredStatuses,
  pageAcrossGroups,
  parseStatusList,
  statusSequence,
  writeStatusList,
} from "./status";

describe("status ordering", () => {
  test("failed CTI opens come first ascending and last descending; unknown values are kept", () => {
    expect(statusSequence(ctiSortOrder, ["open", "open-failed", "weird"], "asc")).toEqual([
      "open-failed",
      "open",
      "weird",
    ]);
    expect(statusSequence(ctiSortOrder, ["open", "open-failed"], "desc")).toEqual(["open", "open-failed"]);
  });

  test("a page spanning several groups takes the right slices", () => {
    const groups = [
      { key: "a", count: 3 },
      { key: "b", count: 5 },
      { key: "c", count: 10 },
    ];
    expect(pageAcrossGroups(groups, 0, 2)).toEqual([{ key: "a", skip: 0, take: 2 }]);
    expect(pageAcrossGroups(groups, 2, 4)).toEqual([
      { key: "a", skip: 2, take: 1 },
      { key: "b", skip: 0, take: 3 },
    ]);
    expect(pageAcrossGroups(groups, 6, 50)).toEqual([
      { key: "b", skip: 3, take: 2 },
      { key: "c", skip: 0, take: 10 },
    ]);
    expect(pageAcrossGroups(groups, 18, 5)).toEqual([]);
  });

  test("stored statuses map to count keys", () => {
    expect(countKey("partially-registered")).toBe("partiallyRegistered");
    expect(countKey("deceased")).toBe("unknown");
  });
});

describe("status lists", () => {
  test("one status, several, or everything not registered; unknown words are reported", () => {
    expect(parseStatusList("unregistered")).toEqual({ statuses: ["unregistered"], unknown: [] });
    expect(parseStatusList("rejected, unregistered,rejected")).toEqual({
      statuses: ["unregistered", "rejected"],
      unknown: [],
    });
    expect(parseStatusList("not-registered").statuses).toEqual([...notRegisteredStatuses]);
    expect(parseStatusList("not-registered").statuses).not.toContain("in-fallback");
    expect(parseStatusList("registered,sleeping")).toEqual({ statuses: ["registered"], unknown: ["sleeping"] });
  });

  test("the URL form is short for the not-registered group and stable otherwise", () => {
    expect(writeStatusList(["unknown", "rejected", "partially-registered", "unregistered"])).toBe("not-registered");
    expect(writeStatusList(["rejected", "unregistered"])).toBe("unregistered,rejected");
  });
});
