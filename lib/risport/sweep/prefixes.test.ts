import { describe, expect, it } from "vitest";
import { cellCovers, cellFromItem, cellItem, childCells, countInCell, packSlices, splitItems } from "./prefixes";

const keys = [
  "AALN/S0/SU0/1@BR-GW01",
  "BOTJDOE",
  "CSFJDOE",
  "SEP0011",
  "SEP0012",
  "SEP0AFF",
  "SEP1000",
  "SEPFFFF",
  "SEP",
  "TCTÉLODIE",
].sort();

describe("name-space cells", () => {
  it("splits a cell into children that cover exactly what it covered", () => {
    const parent = cellFromItem("SEP*");
    const children = childCells(parent, ["É"]);
    for (const key of keys) {
      const covering = children.filter((cell) => cellCovers(cell, key)).length;
      expect(covering).toBe(cellCovers(parent, key) ? 1 : 0);
    }
    expect(children[0]).toEqual({ prefix: "SEP", exact: true });
    expect(children.map(cellItem)).toContain("SEP0*");
  });

  it("never starts a root child with a space, which a server would trim into `*`", () => {
    expect(childCells({ prefix: "", exact: false }).map(cellItem)).not.toContain(" *");
  });

  it("counts keys per cell", () => {
    expect(countInCell(keys, cellFromItem("SEP0*"))).toBe(3);
    expect(countInCell(keys, cellFromItem("SEP*"))).toBe(6);
    expect(countInCell(keys, cellFromItem("SEP"))).toBe(1);
    expect(countInCell(keys, cellFromItem("Z*"))).toBe(0);
  });

  it("packs known names into slices within the target that cover every name once", () => {
    const many = Array.from(
      { length: 500 },
      (_, index) => `SEP${(index * 7919).toString(16).toUpperCase().padStart(12, "0")}`,
    )
      .concat(keys)
      .sort();
    const slices = packSlices(many, 90, 1000);
    expect(slices.length).toBeLessThanOrEqual(Math.ceil(many.length / 90) + 2);
    for (const slice of slices) expect(slice.to - slice.from).toBeLessThanOrEqual(90);
    for (const [index, key] of many.entries()) {
      const owners = slices.filter((slice) => slice.cells.some((cell) => cellCovers(cell, key)));
      expect(owners).toHaveLength(1);
      expect(index).toBeGreaterThanOrEqual(owners[0]!.from);
      expect(index).toBeLessThan(owners[0]!.to);
    }
  });

  it("cuts a list of items in two halves of about equal weight, covering the same names", () => {
    const [first, second] = splitItems(["SEP*"], keys);
    expect(first.length).toBeGreaterThan(0);
    expect(second.length).toBeGreaterThan(0);
    const covered = (items: string[]) =>
      keys.filter((key) => items.map((item) => cellFromItem(item)).some((cell) => cellCovers(cell, key)));
    expect([...covered(first), ...covered(second)].sort()).toEqual(covered(["SEP*"]));
  });
});
