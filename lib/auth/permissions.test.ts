import { describe, expect, test } from "vitest";
import { actions, roles, type Action, type Role } from "@/lib/domain/roles";
import { can } from "./permissions";

// The expected matrix is written out independently of permissionTable so a change to the
// table that widens or narrows a role fails here.
const expected: Record<Role, Action[]> = {
  viewer: ["viewInventory"],
  helpdesk: ["viewInventory", "changeKeyPhones", "resetCmePassword", "restartPhones", "pollNow", "acknowledgeAlerts"],
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
});
