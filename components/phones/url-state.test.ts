import { describe, expect, test } from "vitest";
import { nextSort, readPhoneFilters, writePhoneFilters } from "./url-state";

describe("phones URL state", () => {
  test("reads defaults and ignores junk", () => {
    expect(readPhoneFilters(new URLSearchParams("status=sleeping&page=-3&pageSize=7&sort=colour&view=all"))).toEqual({
      sort: "name",
      order: "asc",
      page: 1,
      pageSize: 50,
    });
  });

  test("round-trips every filter and leaves defaults out", () => {
    const search =
      "view=records&q=000d.bc80.eb51&source=s1&site=HQ&status=unregistered&protocol=SIP&model=Cisco+8845&keyPhone=true&sort=lastChange&order=desc&page=3&pageSize=100";
    const filters = readPhoneFilters(new URLSearchParams(search));
    expect(filters).toMatchObject({
      q: "000d.bc80.eb51",
      status: "unregistered",
      keyPhone: "true",
      sort: "lastChange",
      order: "desc",
      page: 3,
      pageSize: 100,
    });
    expect(writePhoneFilters(filters)).toBe(search);
    expect(writePhoneFilters({ sort: "name", order: "asc", page: 1, pageSize: 50 })).toBe("");
  });

  test("header clicks flip the direction or start a new column", () => {
    expect(nextSort({ sort: "name", order: "asc" }, "name")).toEqual({ sort: "name", order: "desc" });
    expect(nextSort({ sort: "name", order: "desc" }, "model")).toEqual({ sort: "model", order: "asc" });
    expect(nextSort({ sort: "name", order: "asc" }, "lastChange", ["lastChange"])).toEqual({
      sort: "lastChange",
      order: "desc",
    });
  });

  test("carries a status list, the reason (empty included) and the kind of device", () => {
    const filters = readPhoneFilters(
      new URLSearchParams("status=rejected,unregistered&reason=&class=infrastructure&deviceClass=SIPTrunk"),
    );
    expect(filters).toMatchObject({
      status: "unregistered,rejected",
      reason: "",
      kind: "infrastructure",
      deviceClass: "SIPTrunk",
    });
    expect(writePhoneFilters(filters)).toBe(
      "status=unregistered%2Crejected&reason=&class=infrastructure&deviceClass=SIPTrunk",
    );
    expect(readPhoneFilters(new URLSearchParams("status=not-registered")).status).toBe("not-registered");
    // An unknown word drops the whole list rather than widening it; class=phones is the default.
    expect(readPhoneFilters(new URLSearchParams("status=registered,asleep&class=phones"))).toMatchObject({
      status: undefined,
      kind: undefined,
    });
  });
});
