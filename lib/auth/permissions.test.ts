import { describe, expect, test } from "vitest";
import { actions, roles, type Action, type Role } from "@/lib/domain/roles";
import { can, canChangeKeyPhones, canManageUsers, canViewAudit, canViewInventory } from "./permissions";

// The expected matrix is written out independently of permissionTable so a change to the
// table that widens or narrows a role fails here.
const expected: Record<Role, Action[]> = {
  viewer: ["viewInventory"],
  helpdesk: ["viewInventory", "changeKeyPhones", "resetCmePassword", "pollNow", "acknowledgeAlerts"],
  admin: [...actions],
};

describe("permission table", () => {
  for (const role of roles) {
    for (const action of actions) {
      const allowed = expected[role].includes(action);
      test(`${role} ${allowed ? "may" : "may not"} ${action}`, () => {
        expect(can({ role }, action)).toBe(allowed);
      });
    }
  }

  test("no user may do anything", () => {
    for (const action of actions) expect(can(null, action)).toBe(false);
  });

  test("named checks agree with the table", () => {
    expect(canViewInventory({ role: "viewer" })).toBe(true);
    expect(canChangeKeyPhones({ role: "viewer" })).toBe(false);
    expect(canChangeKeyPhones({ role: "helpdesk" })).toBe(true);
    expect(canManageUsers({ role: "helpdesk" })).toBe(false);
    expect(canViewAudit({ role: "admin" })).toBe(true);
  });
});
