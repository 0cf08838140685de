import { describe, expect, test } from "vitest";
import { MAX_PASSWORD_LENGTH, isPassword } from "@/lib/cme";
import { MIN_ROUTER_PASSWORD_LENGTH, generateRouterPassword } from "./router-password";

describe("router passwords", () => {
  test("within the router's limits: 14 to 19 letters and digits, no look-alikes, every class present", () => {
    for (let i = 0; i < 200; i++) {
      const password = generateRouterPassword();
      expect(password.length).toBeGreaterThanOrEqual(MIN_ROUTER_PASSWORD_LENGTH);
      expect(password.length).toBeLessThanOrEqual(MAX_PASSWORD_LENGTH);
      expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]+$/);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[2-9]/);
      expect(isPassword(password)).toBe(true);
    }
  });

  test("no repeats across many draws", () => {
    const seen = new Set(Array.from({ length: 500 }, () => generateRouterPassword()));
    expect(seen.size).toBe(500);
  });

  test("refuses lengths outside the limits", () => {
    expect(() => generateRouterPassword(13)).toThrow(RangeError);
    expect(() => generateRouterPassword(20)).toThrow(RangeError);
  });
});
