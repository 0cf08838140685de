import { expect, test } from "vitest";
import { matchTargets } from "./command-palette";

test("the palette keeps targets whose label holds every typed word, in order, at most the limit", () => {
  const targets = [
    { kind: "Page" as const, label: "Phones", href: "/phones" },
    { kind: "Page" as const, label: "Availability", href: "/availability" },
    { kind: "Source" as const, label: "Demo router Leeds", href: "/phones?source=1" },
    { kind: "Site" as const, label: "Leeds", href: "/phones?site=Leeds" },
  ];
  expect(matchTargets(targets, "leeds").map((t) => t.kind)).toEqual(["Source", "Site"]);
  expect(matchTargets(targets, "router LEEDS").map((t) => t.href)).toEqual(["/phones?source=1"]);
  expect(matchTargets(targets, "").length).toBe(4);
  expect(matchTargets(targets, "", 2).length).toBe(2);
  expect(matchTargets(targets, "paris")).toEqual([]);
});
