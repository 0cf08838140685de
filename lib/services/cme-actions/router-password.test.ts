import { describe, expect, test } from "vitest";
import { MAX_PASSWORD_LENGTH, isPassword } from "@/lib/cme";
import { MIN_ROUTER_PASSWORD_LENGTH, ROUTER_PASSWORD_LENGTH, generateRouterPassword } from "./router-password";

describe("router passwords", () => {
  test("within the router's limits: lower-case letters and digits a keypad types, no look-alikes, both present", () => {
    for (let i = 0; i < 200; i++) {
      const password = generateRouterPassword();
      expect(password).toHaveLength(ROUTER_PASSWORD_LENGTH);
      expect(password.length).toBeLessThanOrEqual(MAX_PASSWORD_LENGTH);
      expect(password).toMatch(/^[a-hjkmnp-z2-9]+$/);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[2-9]/);
      expect(isPassword(password)).toBe(true);
    }
  });

  test("every allowed character turns up, and no repeats across many draws", () => {
    const draws = Array.from({ length: 500 }, () => generateRouterPassword());
    expect(new Set(draws).size).toBe(500);
    expect(new Set(draws.join(""))).toEqual(new Set("abcdefghjkmnpqrstuvwxyz23456789"));
  });

  test("other lengths within the limits, and refuses lengths outside them", () => {
    expect(generateRouterPassword(MIN_ROUTER_PASSWORD_LENGTH)).toHaveLength(MIN_ROUTER_PASSWORD_LENGTH);
    expect(generateRouterPassword(MAX_PASSWORD_LENGTH)).toHaveLength(MAX_PASSWORD_LENGTH);
    expect(() => generateRouterPassword(13)).toThrow(RangeError);
    expect(() => generateRouterPassword(20)).toThrow(RangeError);
  });
});
