// Model numbers read as words from the typemodel table; a number it lacks keeps its raw value.
import { expect, test } from "vitest";
import { describeModel, knownModels } from "./models";

test("models current CUCM releases report are named, from the seed's excerpt and later rows", () => {
  expect(describeModel(7).name).toBe("Cisco 7960");
  expect(describeModel(683).name).toBe("Cisco 8841");
  expect(describeModel(36216).name).toBe("Cisco 8821");
  expect(describeModel(36225).name).toBe("Cisco 8865");
  expect(describeModel(36258).name).toBe("Cisco 8832");
});

test("a number the table lacks reads 'Model <number>', keeping the code", () => {
  expect(describeModel(39999)).toEqual({ code: 39999, name: "Model 39999" });
});

test("every table row has a positive whole number and a name", () => {
  const models = knownModels();
  expect(models.length).toBeGreaterThan(200);
  for (const { code, name } of models) {
    expect(Number.isInteger(code) && code > 0).toBe(true);
    expect(name.trim()).not.toBe("");
  }
});
